import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import { repoRoot } from './sourceAst';

/**
 * electron-builder.yml, read and validated by electron-builder's own loader and schema, so a
 * misspelt fuse fails here instead of being ignored when `npm run dist` packages the app.
 */
let config: Configuration;
beforeAll(async () => {
  config = await getConfig(repoRoot, null, null);
});

describe('the packaged app', () => {
  it('is a configuration electron-builder accepts', { timeout: 30_000 }, async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the Electron fuses that close the ways around the app code', () => {
    expect(config.electronFuses).toEqual({
      // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node interpreter.
      runAsNode: false,
      enableCookieEncryption: true,
      // NODE_OPTIONS / --inspect would let any local process inject code into the main process.
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The page comes from the app:// scheme; file:// pages get no extra privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('puts all app code inside the integrity-checked asar archive', () => {
    expect(config.asar).toBe(true);
    // Only native modules may live outside it (they cannot be loaded from inside an archive).
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('ships the build output only, never sources, tests, maps or .env files', () => {
    const files = (config.files as Array<{ filter: string[] }> | undefined)?.flatMap((entry) => entry.filter) ?? [];
    expect(files).toEqual(expect.arrayContaining(['dist/**', '!**/*.map', '!**/.env*', '!tests/**', '!electron/**', '!renderer/**', '!shared/**']));
  });
});
