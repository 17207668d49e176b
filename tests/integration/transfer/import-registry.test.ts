/**
 * Issue 20: adding an import format is one module and one line in the list of formats. A format
 * that exists only here (tests/support/formats/requestList/) is added to the registry's list with
 * one line, then imported through the real ImportService, refused in its own words, listed by the
 * Import dialog's text, its file chooser and `import --help`, and takes no file from the formats
 * before it.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_FORMATS, acceptedFileTypes, describeFormats } from '../../../shared/formats/registry';
import { flattenRequests } from '../../../shared/model/collection';
import { ImportService } from '../../../electron/backend/importer/service';
import { MemorySecretStore, SecretVault } from '../../../electron/backend/secrets/index';
import { CollectionStore } from '../../../electron/backend/storage/collections/store';
import { EnvironmentStore } from '../../../electron/backend/storage/environments';
import { GlobalsStore } from '../../../electron/backend/storage/globals';
import { importHelp } from '../../../electron/cli/transfer';
import { requestListFormat } from '../../support/formats/requestList/index';

// The one line: the registry's formats, then the new one.
const FORMATS = [...IMPORT_FORMATS, requestListFormat];

describe('a format added to the registry with one line', () => {
  let dir: string;
  let workspace: string;
  let service: ImportService;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-import-registry-'));
    workspace = join(dir, 'workspace');
    const environments = new EnvironmentStore(dir);
    await environments.load();
    const vault = new SecretVault({ dataDir: dir, keychain: new MemorySecretStore() });
    service = new ImportService({
      collections: new CollectionStore(workspace),
      environments,
      globals: new GlobalsStore(dir),
      vault,
      saveEnvironment: (env) => environments.update(env),
      formats: FORMATS,
    });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('imports through ImportService into the workspace, recognised by its content', async () => {
    // Named .json on purpose: the content decides, not the extension.
    const outcome = await service.importText('# request list\nGET https://a.test/v1/items\nPOST https://a.test/v1/items\n', 'Shop.json');
    expect(outcome.created).toMatchObject({ kind: 'collection', name: 'Shop.json' });
    expect(outcome.report).toMatchObject({ source: 'request list', counts: { requests: 2 } });
    const store = new CollectionStore(workspace);
    await store.load();
    const id = outcome.created.kind === 'collection' ? outcome.created.id : '';
    const requests = flattenRequests(store.getCollection(id).items).map(({ request }) => [request.method, request.url]);
    expect(requests).toEqual([
      ['GET', 'https://a.test/v1/items'],
      ['POST', 'https://a.test/v1/items'],
    ]);
  });

  it('is refused in its own words, as INVALID_INPUT, with nothing written', async () => {
    await expect(service.importText('# request list\nFETCH https://a.test\n', 'bad.txt')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'bad.txt: line 2 is not "METHOD URL".',
    });
    expect(await readdir(workspace).catch(() => [])).toEqual([]);
  });

  it('takes nothing the formats before it read: a Postman collection and a curl command import as before', async () => {
    const postman = await service.importText(
      JSON.stringify({ info: { name: 'P', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [] }),
      'p.json',
    );
    expect(postman.report.source).toBe('Postman collection v2.1');
    const curl = await service.importText('curl https://a.test/v1/ping', 'pasted text');
    expect(curl.created.kind).toBe('curl');
  });

  it('is listed wherever the formats are: the unknown-format refusal, the Import dialog, its file chooser and import --help', async () => {
    await expect(service.importText('{"hello": "world"}', 'x.json')).rejects.toThrow(/It accepts: .*curl commands, and request lists \(\.txt\)\./);
    expect(describeFormats(FORMATS, 'or')).toMatch(/, or request lists \(\.txt\)$/);
    expect(acceptedFileTypes(FORMATS).split(',')).toEqual(['.json', 'application/json', '.txt']);
    expect(importHelp(FORMATS)).toMatch(/^ {2}request-list +request lists \(\.txt\)$/m);
    // And the registry alone does not list it: the one line above is what added it.
    expect(importHelp()).not.toContain('request-list');
  });
});
