import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The domain core (machines, scenarios, engine, scoring) runs in Node under vitest and the CLI tools,
// so it may not reach for React, the DOM, howler, IndexedDB or the app's UI layers.
const uiOnlyModules = ['react', 'react-dom', 'react-dom/*', 'howler', 'dexie'];
const appLayers = [
  '**/src/ui/**',
  '**/src/sound/**',
  '**/src/storage/**',
  '@/ui/**',
  '@/sound/**',
  '@/storage/**',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.scratch/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Validation tests corrupt real scenario JSON on purpose, which has no useful static type.
    files: ['test/unit/validation.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['machines/**', 'scenarios/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiOnlyModules, message: 'machines/ and scenarios/ are pure: no UI, audio or storage.' },
            { group: ['**/src/**', '@/**'], message: 'machines/ and scenarios/ must not depend on the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**', 'src/scoring/**', 'src/supervision/**', 'src/cli/**', 'src/strings/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: uiOnlyModules,
              message: 'The engine, scoring and CLI run in Node: no UI, audio or storage.',
            },
            {
              group: appLayers,
              message: 'Imports flow ui -> engine/scoring -> machines/scenarios, never back.',
            },
          ],
        },
      ],
    },
  },
);
