import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // Module workers, so a worker can share chunks with the page and import code lazily.
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'workers/**/*.spec.ts'],
    environment: 'node',
  },
});
