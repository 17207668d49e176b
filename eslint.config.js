// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';

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
        patterns: [
          nodeBuiltins,
          {
            group: ['**/electron/**', '../electron', '../../electron', '../../../electron'],
            message: 'renderer/ must not import from electron/; use renderer/api.ts and shared/contract.ts.',
          },
        ],
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
          {
            group: ['../main', '../preload', '../ipc', '../security', '../../main', '../../preload', '../../ipc', '../../security'],
            message: 'electron/backend must not import the Electron shell.',
          },
        ],
      },
    ],
  },
};

/**
 * Import boundaries matched by where the imported file IS, not by how many `../` reach it
 * (no-restricted-imports only sees the text of the specifier, so a deep relative import slipped
 * past it). Also: the `electron` package only in the four files of the Electron shell.
 */
const electronShell = ['electron/main', 'electron/preload', 'electron/ipc', 'electron/security'];
/**
 * Who may import electron/backend/sandbox/ from outside it: the composition root, which builds the
 * app's SandboxManager, and the command-line and runner parts that start a sandbox on purpose
 * (`sinch-explorer sandbox`, `run --sandbox`).
 */
// The composition root (index, context, types, services/) and the runner's sandbox steps (run --env sandbox):
// the CLI reaches the sandbox only through services/.
const sandboxStarters = [
  'electron/backend/index',
  'electron/backend/context',
  'electron/backend/types',
  'electron/backend/services/',
  'electron/backend/runner/sandboxSteps',
  'electron/backend/runner/service',
];
const boundaryZones = [
  { files: 'shared/', forbid: ['electron/', 'renderer/'], message: 'shared/ is pure: it must not import from electron/ or renderer/.' },
  { files: 'renderer/', forbid: ['electron/'], message: 'renderer/ must not import from electron/; use renderer/api.ts and shared/contract.ts.' },
  {
    files: 'electron/backend/',
    forbid: [...electronShell, 'electron/host/', 'electron/cli/', 'renderer/'],
    message: 'electron/backend is Electron-free and below the shell, the host and the CLI: it must not import them or the page.',
  },
  {
    files: 'electron/host/',
    forbid: [...electronShell, 'electron/cli/', 'renderer/'],
    message: 'electron/host must run without Electron: it must not import the Electron shell, the CLI or the page.',
  },
  {
    files: 'electron/cli/',
    forbid: [...electronShell, 'renderer/'],
    message: 'electron/cli must run without Electron: it must not import the Electron shell or the page.',
  },
  // Production code does not borrow from the simulator: the Conversation API's own shapes live in
  // shared/conversation/ and electron/backend/conversation/, and a service that needs the running
  // sandbox declares the little it needs (CredentialService's sandboxAuth, ProjectApi's SandboxHost).
  {
    files: 'electron/backend/secrets/',
    forbid: ['electron/backend/sandbox/'],
    message: 'secrets/ must not import the sandbox: ask for what you need through a provider the composition root wires.',
  },
  {
    files: 'electron/backend/sandbox/',
    forbid: ['electron/backend/secrets/'],
    message: 'The sandbox must not import secrets/: it keeps its secret values through the SandboxSecretKeeper it is given.',
  },
  {
    files: 'electron/',
    except: ['electron/backend/sandbox/', ...sandboxStarters],
    forbid: ['electron/backend/sandbox/'],
    message: `Only the sandbox itself and the code that starts one on purpose (${sandboxStarters.map((f) => (f.endsWith('/') ? f : `${f}.ts`)).join(', ')}) may import electron/backend/sandbox/: use shared/conversation/ or electron/backend/conversation/, or declare the little you need as an interface the composition root fills.`,
  },
];
const toPosix = (p) => p.split(path.sep).join('/');
const stripExtension = (p) => p.replace(/\.(?:[cm]?[jt]sx?)$/, '');
const within = (file, area) => (area.endsWith('/') ? file.startsWith(area) : stripExtension(file) === area);

/** @type {import('eslint').Rule.RuleModule} */
const boundariesRule = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = toPosix(path.relative(import.meta.dirname, context.filename));
    if (!['electron/', 'renderer/', 'shared/'].some((area) => file.startsWith(area))) return {};
    const check = (node) => {
      const spec = node.source && node.source.type === 'Literal' ? node.source.value : null;
      if (typeof spec !== 'string') return;
      if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!electronShell.some((f) => within(file, f))) {
          context.report({ node: node.source, message: `Only the Electron shell (${electronShell.map((f) => `${f}.ts`).join(', ')}) may import electron.` });
        }
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = toPosix(path.relative(import.meta.dirname, path.resolve(path.dirname(context.filename), spec)));
      for (const zone of boundaryZones) {
        if (
          within(file, zone.files) &&
          !(zone.except ?? []).some((area) => within(file, area)) &&
          zone.forbid.some((area) => within(target, area) || within(`${target}/`, area))
        ) {
          context.report({ node: node.source, message: `${zone.message} ('${spec}' is ${target})` });
          return;
        }
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-node/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
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
    plugins: { layers: { rules: { boundaries: boundariesRule } } },
    rules: {
      'layers/boundaries': 'error',
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
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='openExternal']", message: 'Use openExternalSafely from electron/security.ts.' },
      ],
    },
  },
);
