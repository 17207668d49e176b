// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layer rules: where code runs decides what it may import (VS Code's idea, at our scale).
 * - shared/: pure TypeScript that loads in the page and in Node alike.
 * - renderer/: the sandboxed page; reaches the backend only through renderer/api.ts.
 * - electron/backend/: Electron-free Node services.
 * tests/unit/lint/layers.test.ts proves each rule bites.
 */
const nodeBuiltins = { group: ['node:*'], message: 'This layer must not use Node built-ins.' };
const bareNodeModules = {
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'zlib', 'util', 'events', 'worker_threads'].map((name) => ({
    name,
    message: 'This layer must not use Node built-ins.',
  })),
};

export const layerRules = {
  shared: {
    'no-restricted-imports': [
      'error',
      {
        ...bareNodeModules,
        paths: [
          ...bareNodeModules.paths,
          { name: 'electron', message: 'shared/ must not import electron.' },
          { name: 'react', message: 'shared/ must not import react.' },
        ],
        patterns: [
          nodeBuiltins,
          { group: ['**/electron/**', '../electron', '../../electron'], message: 'shared/ must not import from electron/.' },
          { group: ['**/renderer/**', '../renderer', '../../renderer'], message: 'shared/ must not import from renderer/.' },
        ],
      },
    ],
  },
  renderer: {
    'no-restricted-imports': [
      'error',
      {
        ...bareNodeModules,
        paths: [...bareNodeModules.paths, { name: 'electron', message: 'The page must not import electron; use renderer/api.ts.' }],
        patterns: [nodeBuiltins, { group: ['**/electron/**', '../electron', '../../electron', '../../../electron'], message: 'renderer/ must not import from electron/; use renderer/api.ts and shared/contract.ts.' }],
      },
    ],
  },
  backend: {
    'no-restricted-imports': [
      'error',
      {
        paths: [{ name: 'electron', message: 'electron/backend must run under plain Node: no electron imports.' }],
        patterns: [
          { group: ['**/renderer/**'], message: 'electron/backend must not import renderer code.' },
          { group: ['../main', '../preload', '../ipc', '../security', '../../main', '../../preload', '../../ipc', '../../security'], message: 'electron/backend must not import the Electron shell.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.shared.json', './tsconfig.renderer.json', './tsconfig.electron.json', './tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // zustand actions are closures over the store, not methods using `this`.
      '@typescript-eslint/unbound-method': 'off',
      ...layerRules.renderer,
    },
  },
  {
    // A feature reaches another feature only through that feature's index.ts.
    files: ['renderer/features/**/*.ts', 'renderer/features/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...layerRules.renderer['no-restricted-imports'][1],
          patterns: [
            ...layerRules.renderer['no-restricted-imports'][1].patterns,
            { regex: '^\\.\\./[^/.]+/(?!index$).+', message: 'Import another feature through its index.ts.' },
          ],
        },
      ],
    },
  },
  { files: ['shared/**/*.ts'], rules: layerRules.shared },
  { files: ['electron/backend/**/*.ts'], rules: layerRules.backend },
  {
    files: ['electron/**/*.ts', 'scripts/**/*.mjs', 'tests/**/*.ts', 'bench/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: globals.node, sourceType: 'module' },
  },
  {
    // shell.openExternal is allowed in one audited place only.
    files: ['electron/**/*.ts'],
    ignores: ['electron/security.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='openExternal']", message: 'Use openExternalSafely from electron/security.ts.' }],
    },
  },
);
