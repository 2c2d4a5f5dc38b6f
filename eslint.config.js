import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Restricted imports (a later block replaces the rule for its files, so it lists both). */
const noFixtures = {
  group: ['$fixtures', '$fixtures/*', '**/tests/**'],
  message: 'Test fixtures and support code are for *.spec.ts files only.',
};
const noEngineClient = {
  group: ['$lib/engine/client', '**/engine/client', '**/engine/client.ts'],
  message: 'Talk to the engine through a state class in src/lib/state/.',
};

export default ts.config(
  {
    ignores: [
      'build/',
      'build-*/',
      '.svelte-kit/',
      '.svelte-kit-*/',
      'static/data/',
      'test-results/',
      'bench-results/',
      // AssemblyScript, checked by its own compiler (scripts/kernel/compile-kernel.ts).
      'kernels/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        project: [
          './tsconfig.json',
          './tsconfig.node.json',
          './tsconfig.sw.json',
          './src/lib/engine/tsconfig.json',
        ],
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Test fixtures never ship: only specs import them.
    files: ['src/**'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noFixtures] }] },
  },
  {
    // One worker boundary: pages and components reach the engine only through src/lib/state.
    files: ['src/routes/**', 'src/lib/components/**'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noFixtures, noEngineClient] }] },
  },
);
