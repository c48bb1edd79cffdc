import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The renderer talks only to the typed API: no Node, no Electron.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'The renderer never imports Electron; use the typed API.' },
          { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'http', 'net'], message: 'The renderer never imports Node.' },
          { group: ['**/electron/**'], message: 'The renderer never imports main-process code.' },
        ],
      }],
    },
  },
  {
    // Main-process services never import React; raw IPC only in the IPC host and preload.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'demo-fleet/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-dom', 'react/*', '**/renderer/**'], message: 'Main-process and shared code never import React or the renderer.' },
        ],
      }],
    },
  },
  {
    // Only the Electron entry points touch Electron at runtime; services stay runnable under plain Node.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts import Electron; pass what you need in.', allowTypeImports: true }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'electron', 'react', '**/electron/**', '**/renderer/**'], message: 'shared/ is pure: no I/O, no hosts.' },
        ],
      }],
    },
  },
);
