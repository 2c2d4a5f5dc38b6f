import { sveltekit } from '@sveltejs/kit/vite';
import type { ServerResponse } from 'node:http';
import type { Connect, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { policyFor } from './src/lib/offline/content-policy.js';
import { ISOLATION_HEADERS } from './src/lib/offline/isolation.ts';
import { kernelPlugin } from './scripts/kernel/vite-plugin.ts';

/**
 * Cross-origin isolation (COOP + COEP), so that SharedArrayBuffer exists and TF.js can run its
 * WASM backend with threads, and the Content-Security-Policy as a header, which reaches the
 * worker scripts and forbids framing (a <meta> policy does neither). Set before SvelteKit's own
 * middleware serves the files; the service worker adds the same headers to what it serves, so a
 * static host without them works too.
 */
const secure: Connect.NextHandleFunction = (_request, response, next) => {
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
  addContentPolicy(response);
  next();
};

/** The policy depends on the Content-Type, known only once the file server writes the head. */
function addContentPolicy(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    const given = args.find((a): a is Record<string, unknown> => !!a && typeof a === 'object');
    const named = (name: string) =>
      this.getHeader(name) ??
      Object.entries(given ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    // A 304 updates the cached response's headers: the cached page keeps the policy it had.
    if (status !== 304 && named('content-security-policy') === undefined)
      this.setHeader('Content-Security-Policy', policyFor(String(named('content-type') ?? '')));
    return writeHead.apply(this, args as Parameters<typeof writeHead>);
  } as typeof writeHead;
}

const securityHeaders: Plugin = {
  name: 'tsugi-security-headers',
  enforce: 'pre',
  configureServer(server) {
    server.middlewares.use(secure);
  },
  configurePreviewServer(server) {
    server.middlewares.use(secure);
  },
};

export default defineConfig({
  plugins: [securityHeaders, kernelPlugin(), sveltekit()],
  // Module workers, so a worker can share chunks with the page and import code lazily.
  worker: {
    format: 'es',
    // The training kernel's WASM (virtual:tsugi-kernels) is imported by worker code.
    plugins: () => [kernelPlugin()],
    rolldownOptions: { output: { minify: false } },
  },
  test: {
    include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts'],
    environment: 'node',
  },
});
