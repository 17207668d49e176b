import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/contract';
import { repoRoot } from './sourceAst';

/**
 * The backend's handlers are found by the contract's own names: `history.*` in
 * handlers/history.ts, `sandbox.*` in handlers/sandbox.ts. (That each file holds every method of
 * its prefix, and only those, is the type-check's job: HandlerGroup<'prefix'>.)
 */
describe('electron/backend/handlers', () => {
  it('has one file per contract prefix, and no other', () => {
    const prefixes = [...new Set(METHOD_NAMES.map((name) => name.slice(0, name.indexOf('.'))))].sort();
    const files = readdirSync(`${repoRoot}electron/backend/handlers`)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => file.slice(0, -'.ts'.length))
      .sort();
    expect(files).toEqual(prefixes);
  });
});
