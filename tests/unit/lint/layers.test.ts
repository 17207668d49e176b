import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, test } from 'vitest';

/**
 * The layer rules must bite: each case lints a would-be file in a layer and expects the rule to
 * fire (and a harmless import to pass), using the project's real ESLint config.
 */
// Type-aware rules need real files on disk; the import rules do not, so those are switched off here.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: { ...tseslint.configs.disableTypeChecked, files: ['**/*.ts', '**/*.tsx'] } });

async function importErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'layers/boundaries').map((m) => m.message);
}

describe('layer rules', () => {
  test.each([
    ['renderer/features/x/Bad.ts', "import { readFile } from 'node:fs';", /Node built-ins/],
    ['renderer/Bad.ts', "import { app } from 'electron';", /must not import electron/],
    ['renderer/Bad.ts', "import { createBackend } from '../electron/backend/index';", /renderer\/ must not import from electron/],
    ['shared/bad.ts', "import { createHash } from 'node:crypto';", /Node built-ins/],
    ['shared/bad.ts', "import { app } from 'electron';", /shared\/ must not import electron/],
    ['shared/bad.ts', "import { api } from '../renderer/api';", /shared\/ must not import from renderer/],
    ['shared/model/bad.ts', "import { x } from '../../electron/backend/index';", /shared\/ must not import from electron/],
    ['electron/backend/bad.ts', "import { app } from 'electron';", /plain Node/],
    ['renderer/features/requests/Bad.ts', "import { x } from '../environments/selectors';", /through its index/],
    // Matched by path, not by relative depth: the shell is out of reach however many ../ lead there.
    ['electron/backend/sandbox/services/bad.ts', "import { x } from '../../../security';", /Electron-free.*electron\/security/],
    ['electron/backend/sandbox/services/bad.ts', "export { x } from '../../../main';", /Electron-free.*electron\/main/],
    ['electron/backend/bad.ts', "import { startHost } from '../host/server';", /electron\/host\/server/],
    ['shared/catalog/schemas/bad.ts', "import { x } from '../../../renderer/api';", /shared\/ is pure/],
    ['renderer/features/x/deep/bad.ts', "import { x } from '../../../../electron/backend/index';", /renderer\/ must not import from electron/],
    // The electron package belongs to electron/{main,preload,ipc,security}.ts alone.
    ['electron/host/bad.ts', "import { app } from 'electron';", /Only the Electron shell/],
    ['electron/cli/bad.ts', "import { shell } from 'electron';", /Only the Electron shell/],
    ['electron/cli/bad.ts', "import { x } from '../security';", /electron\/cli must run without Electron/],
    ['electron/backend/bad.ts', "const e = await import('electron');", /Only the Electron shell/],
  ])('%s: %s is refused', async (file, source, message) => {
    const errors = await importErrors(file, source);
    expect(errors.join('\n')).toMatch(message);
  });

  test.each([
    ['renderer/features/requests/Ok.ts', "import { x } from '../environments';"],
    ['electron/backend/ok.ts', "import { readFile } from 'node:fs/promises';"],
    ['shared/ok.ts', "import { z } from 'zod';"],
    ['electron/main.ts', "import { app } from 'electron';"],
    ['electron/security.ts', "import { shell } from 'electron';"],
    ['electron/cli/ok.ts', "import { createBackend } from '../backend/index';"],
    ['electron/host/ok.ts', "import { createBackend } from '../backend/index';"],
    ['electron/backend/sandbox/services/ok.ts', "import { x } from '../../storage/atomicFile';"],
  ])('%s: %s is allowed', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
