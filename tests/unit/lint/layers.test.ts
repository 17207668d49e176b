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
    // Production code does not borrow from the simulator (issue 20).
    ['electron/backend/webhooks/bad.ts', "import { ulid } from '../sandbox/ulid';", /Only the sandbox itself.*electron\/backend\/sandbox\/ulid/],
    ['electron/backend/project/bad.ts', "import type { SandboxManager } from '../sandbox/manager';", /Only the sandbox itself/],
    ['electron/backend/handlers/bad.ts', "export { DEMO_CREDENTIALS } from '../sandbox/index';", /Only the sandbox itself/],
    ['electron/host/bad.ts', "import { startSandbox } from '../backend/sandbox/index';", /Only the sandbox itself/],
    ['electron/cli/bad.ts', "import { startSandbox } from '../backend/sandbox/index';", /Only the sandbox itself/],
    // The CLI reaches the sandbox through the backend's services, like everything else it uses.
    ['electron/cli/sandbox.ts', "import { startSandbox } from '../backend/sandbox/index';", /Only the sandbox itself/],
    ['electron/backend/requests/bad.ts', "import type { SandboxManager } from '../sandbox/manager';", /Only the sandbox itself/],
    ['electron/backend/secrets/bad.ts', "import { DEMO_CREDENTIALS } from '../sandbox/index';", /secrets\/ must not import the sandbox/],
    ['electron/backend/sandbox/bad.ts', "import { SecretVault } from '../secrets/index';", /sandbox must not import secrets/],
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
    // The sandbox's own files, and the code that starts a sandbox on purpose, still reach it.
    ['electron/backend/sandbox/services/ok.ts', "import { x } from '../store';"],
    ['electron/backend/index.ts', "import { SandboxManager } from './sandbox/manager';"],
    ['electron/backend/runner/sandboxSteps.ts', "import type { SandboxHandle } from '../sandbox/index';"],
    ['electron/backend/services/index.ts', "import { startSandbox } from '../sandbox/index';"],
    // The neutral homes of the Conversation API's shapes are open to everyone.
    ['electron/backend/webhooks/ok.ts', "import { ulid } from '../conversation/ulid';"],
    ['electron/backend/webhooks/ok.ts', "import { inboundMessage } from '../../../shared/conversation/callbacks';"],
  ])('%s: %s is allowed', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
