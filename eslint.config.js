import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'e2e-artifacts/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Only the Electron adapter folder and the preload may talk to Electron; everything else
      // (core, CLI, renderer, tools) must run in plain Node or a browser.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Import electron only in src/main/electron or src/preload.',
            },
            { name: 'electron-store', message: 'Import electron-store only in src/main/electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/electron/**/*.ts', 'src/preload/**/*.ts', 'e2e/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.api.' }],
          patterns: [
            {
              group: ['node:*', '**/main/**', '**/cli/**'],
              message: 'The renderer talks only to window.api.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer tests' in-memory app answers through main's real dispatcher (payloads checked
    // by the same code as in the app); nothing else of main is reachable from there either.
    files: ['src/renderer/test/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.api.' }],
          patterns: [
            {
              group: ['node:*', '**/cli/**'],
              message: 'The renderer talks only to window.api.',
            },
            {
              regex: '(^|/)main/(?!core/ipc/dispatch$)',
              message: 'The renderer talks only to window.api.',
            },
          ],
        },
      ],
    },
  },
);
