import { sveltekit } from '@sveltejs/kit/vite';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { ISOLATION_HEADERS } from './src/lib/offline/isolation.ts';

/**
 * Cross-origin isolation (COOP + COEP), so that SharedArrayBuffer exists and TF.js can run its
 * WASM backend with threads. Set before SvelteKit's own middleware serves the files; the service
 * worker adds the same headers to what it serves, so a static host without them works too.
 */
const isolate: Connect.NextHandleFunction = (_request, response, next) => {
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
  next();
};

const crossOriginIsolation: Plugin = {
  name: 'tsugi-cross-origin-isolation',
  enforce: 'pre',
  configureServer(server) {
    server.middlewares.use(isolate);
  },
  configurePreviewServer(server) {
    server.middlewares.use(isolate);
  },
};

export default defineConfig({
  plugins: [crossOriginIsolation, sveltekit()],
  // Module workers, so a worker can share chunks with the page and import code lazily.
  worker: {
    format: 'es',
    rolldownOptions: { output: { minify: false } },
  },
  test: {
    include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'workers/**/*.spec.ts'],
    environment: 'node',
  },
});
