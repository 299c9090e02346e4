import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The domain core (machines, scenarios, engine, scoring) runs in Node under vitest and the CLI tools,
// so it may not reach for React, the DOM, howler or IndexedDB.
const uiOnlyModules = ['react', 'react-dom', 'react-dom/*', 'howler', 'dexie'];

/** The domain the command-line tools, the services and the screens are all built on. */
const domain = [
  'machines',
  'scenarios',
  'src/engine',
  'src/records',
  'src/scoring',
  'src/strings',
  'src/supervision',
];

/**
 * The layers, each with the layers it may import (README, "Architecture"). Anything else is refused,
 * however the path is written. Arrows point one way: the core knows nothing of the app around it.
 */
export const LAYERS = {
  machines: [],
  scenarios: ['machines'],
  'src/captions': [],
  'src/engine': ['machines', 'scenarios'],
  /** The records kept (trainees, courses, moderations, the rows of each table): plain data. */
  'src/records': ['machines', 'src/engine'],
  'src/scoring': ['machines', 'scenarios', 'src/engine'],
  'src/strings': ['machines', 'src/scoring'],
  'src/validation': ['machines', 'scenarios', 'src/engine', 'src/captions'],
  'src/supervision': ['machines', 'scenarios', 'src/engine', 'src/records', 'src/scoring', 'src/strings'],
  'src/storage': ['machines', 'src/engine', 'src/records'],
  'src/sound': ['src/captions'],
  /** An academy's LMS: what is reported and when, over SCORM or cmi5; no screens, no attempt store. */
  'src/lms': ['machines', 'scenarios', 'src/engine', 'src/scoring'],
  /**
   * What a classroom server holds, document by document (ids, shapes, database and role names): plain
   * data that the classroom server and the app's sync both read, so no Node and no DOM.
   */
  'src/sync': ['machines', 'src/engine', 'src/records'],
  /** The classroom server: Node only (HTTP, files, PouchDB); nothing in the app may import it. */
  'src/classroom': ['machines', 'src/records', 'src/sync'],
  /**
   * What the screens do, without React: their loading and the changes made from them, and a trainee
   * device's sync with a classroom server.
   */
  'src/services': [...domain, 'src/storage', 'src/sync'],
  /**
   * The offline worker: its build config (vite-plugin.ts, Node, for vite.config.ts alone) and the names
   * the app, the LMS package and the benchmark share (worker-files.ts, no imports).
   */
  'src/offline': [],
  'src/cli': [
    ...domain,
    'src/validation',
    'src/captions',
    'src/lms',
    'src/sync',
    'src/classroom',
    'src/offline',
    'test',
  ],
  'src/ui': [
    ...domain,
    'src/storage',
    'src/services',
    'src/sound',
    'src/captions',
    'src/lms',
    'src/sync',
    'src/offline',
  ],
  /** The home screen rendered into index.html at build time: the UI, run once in Node. */
  'src/prerender': ['src/ui'],
};
const boundaryZones = Object.entries(LAYERS).map(([layer, allowed]) => ({
  target: `./${layer}`,
  from: [...Object.keys(LAYERS), 'src/main.tsx']
    .filter((other) => other !== layer && !allowed.includes(other))
    .map((other) => `./${other}`),
  message: `${layer} may import only ${allowed.length > 0 ? allowed.join(', ') : 'its own modules'}.`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/**',
      'node_modules/**',
      '.scratch/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
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
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: boundaryZones }],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Validation tests corrupt real scenario JSON on purpose, which has no useful static type.
    files: ['test/unit/validation.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The documents are read in the browser as well as by the server: nothing of Node, the UI or storage.
    files: ['src/sync/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...uiOnlyModules, 'node:*', 'pouchdb*', 'express*'],
              message:
                'src/sync is plain data for the browser and the server alike: no Node, UI or database libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    // The app registers the offline worker by its name alone; the worker's build config is Node's.
    files: ['src/ui/**', 'src/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/offline/vite-plugin*', 'vite-plugin-pwa*', 'workbox-*'],
              message:
                'The app knows the offline worker by name (src/offline/worker-files.ts); building it is for vite.config.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: [
      'machines/**',
      'scenarios/**',
      'src/engine/**',
      'src/records/**',
      'src/scoring/**',
      'src/strings/**',
      'src/validation/**',
      'src/supervision/**',
      'src/services/**',
      'src/cli/**',
      'src/classroom/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: uiOnlyModules,
              message: 'The core, the services and the CLI run in Node: no UI, audio or storage libraries.',
            },
          ],
        },
      ],
    },
  },
);
