import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// TSUGI_OUT=name builds into .svelte-kit-name and build-name: the tests build there, so a
// running `npm start` keeps serving its own files.
const out = process.env.TSUGI_OUT;
const suffix = out ? `-${out}` : '';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    outDir: `.svelte-kit${suffix}`,
    adapter: adapter({ strict: true, pages: `build${suffix}`, assets: `build${suffix}` }),
    prerender: { handleHttpError: 'fail' },
    // Nothing may be fetched from another origin: the user's data never leaves the device.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // wasm-unsafe-eval: TF.js compiles its WebAssembly backend.
        'script-src': ['self', 'wasm-unsafe-eval'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
  },
};

export default config;
