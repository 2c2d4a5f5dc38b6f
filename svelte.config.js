import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { DIRECTIVES } from './src/lib/offline/content-policy.js';

// TSUGI_OUT=name builds into .svelte-kit-name and build-name: the tests build there, so a
// running `npm start` keeps serving its own files.
const out = process.env.TSUGI_OUT;
const suffix = out ? `-${out}` : '';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    // Your list spells out its table roles: on a phone its rows are laid out as grids, which
    // drops the implicit ones.
    warningFilter: (warning) =>
      !(
        warning.code === 'a11y_no_redundant_roles' &&
        /components[\\/]Library(Row|Table)\.svelte$/.test(warning.filename ?? '')
      ),
  },
  kit: {
    outDir: `.svelte-kit${suffix}`,
    // Test fixtures live under tests/, apart from the product; specs import them by this name.
    alias: { $fixtures: 'tests/fixtures' },
    adapter: adapter({ strict: true, pages: `build${suffix}`, assets: `build${suffix}` }),
    prerender: { handleHttpError: 'fail' },
    // Nothing may be fetched from another origin: the user's data never leaves the device. The
    // same directives go out as a header (src/lib/offline/content-policy.js); SvelteKit leaves
    // frame-ancestors out of the <meta> tag, where it would not work.
    csp: { mode: 'hash', directives: DIRECTIVES },
  },
};

export default config;
