import { beforeEach, describe, expect, test, vi } from 'vitest';
import { BUILTIN_COLLECTION_ID } from '../../../../shared/catalog';
import type { SendResult } from '../../../../shared/model/httpRequest';
import { selectActiveTab } from '../../../../renderer/features/requests';
import { useStore } from '../../../../renderer/store';
import { backend } from './harness';
import { environment, environments, request } from './fixtures';

vi.mock('../../../../renderer/api', async (importOriginal) => (await import('./harness')).mockApiModule(await importOriginal()));
const downloads = vi.hoisted(() => [] as { name: string; size: number }[]);
vi.mock('../../../../renderer/ui/download', () => ({
  downloadBlob: (blob: Blob, name: string) => downloads.push({ name, size: blob.size }),
}));

const initial = useStore.getState();
const state = () => useStore.getState();
const active = () => selectActiveTab(state());
const ok: SendResult = {
  ok: true,
  response: {
    responseId: 'r-1',
    status: 200,
    statusText: 'OK',
    timeMs: 5,
    sizeBytes: 2,
    headers: [],
    contentType: 'application/json',
    url: 'https://example.com/v1/apps',
    method: 'GET',
    body: { preview: '{}', truncated: false, binary: false, previewLimit: 2 },
  },
};

beforeEach(() => {
  useStore.setState(initial, true);
  backend().answer({});
  downloads.length = 0;
});

describe('tabs', () => {
  test('openRequest replaces an untouched blank tab and reuses a tab already open', () => {
    const blank = active().id;
    state().openRequest(request(), { kind: 'collection', collectionId: 'col-1' });
    expect(state().tabs).toHaveLength(1);
    expect(active().id).not.toBe(blank);
    const opened = active().id;
    state().newTab();
    state().openRequest(request(), { kind: 'collection', collectionId: 'col-1' });
    expect(active().id).toBe(opened);
  });

  test('closing the last tab leaves a blank one', () => {
    state().closeTab(active().id);
    expect(state().tabs).toHaveLength(1);
    expect(active().origin).toEqual({ kind: 'new' });
  });
});

describe('send', () => {
  test('an empty URL is blocked before anything is asked', async () => {
    await state().send();
    expect(active().blocked?.message).toBe('Enter a URL to send the request to.');
    expect(backend().methodsCalled()).toEqual([]);
  });

  test('an undefined variable is blocked with its name', async () => {
    state().setUrl('{{base}}/v1/apps');
    await state().send();
    expect(active().blocked?.variables).toEqual(['base']);
    expect(backend().methodsCalled()).toEqual([]);
  });

  test('sends with the active environment, the collection in scope and the timeout, and shows the result', async () => {
    useStore.setState({ environments: environments([environment()]), timeoutMs: 9000 });
    state().openRequest(request(), { kind: 'collection', collectionId: 'col-1' });
    backend().answer({ 'requests.send': () => ok });
    await state().send();
    const [sent] = backend().callsTo('requests.send');
    expect(sent).toMatchObject({
      environmentId: 'env-1',
      collectionId: 'col-1',
      timeoutMs: 9000,
      request: { method: 'GET', url: 'https://example.com/v1/apps' },
    });
    expect(sent?.request).not.toHaveProperty('id');
    expect(active().result).toEqual(ok);
    expect(active().inFlightId).toBeNull();
  });

  test('a body that does not match its schema is shown, and sent anyway on request', async () => {
    state().openRequest(request({ method: 'POST', bodySchema: 'SendMessageRequest', body: { mode: 'json', text: '{"x":1}' } }), { kind: 'builtin' });
    backend().answer({ 'requests.validateBody': () => ({ problems: [{ path: '/x', message: 'unexpected' }] }), 'requests.send': () => ok });
    await state().send();
    expect(active().schemaProblems).toEqual([{ path: '/x', message: 'unexpected' }]);
    expect(backend().callsTo('requests.send')).toEqual([]);
    await state().send(true);
    expect(backend().callsTo('requests.send')).toHaveLength(1);
    expect(active().schemaProblems).toBeNull();
  });

  test('the backend refusing an unresolved variable blocks the tab instead of showing a result', async () => {
    state().setUrl('https://example.com');
    backend().answer({ 'requests.send': () => ({ ok: false, error: { code: 'UNRESOLVED_VARIABLES', message: 'Not defined: {{x}}', variables: ['x'] } }) });
    await state().send();
    expect(active().blocked).toEqual({ message: 'Not defined: {{x}}', variables: ['x'] });
    expect(active().result).toBeNull();
  });

  test('cancel asks the backend to cancel the request in flight', async () => {
    state().setUrl('https://example.com');
    let finish: (r: SendResult) => void = () => undefined;
    backend().answer({ 'requests.send': () => new Promise<SendResult>((resolve) => (finish = resolve)), 'requests.cancel': () => ({ cancelled: true }) });
    const sending = state().send();
    await vi.waitFor(() => expect(active().inFlightId).not.toBeNull());
    const id = active().inFlightId;
    await state().cancel();
    expect(backend().callsTo('requests.cancel')).toEqual([{ requestId: id }]);
    finish({ ok: false, error: { code: 'CANCELLED', message: 'Cancelled' } });
    await sending;
    expect(active().inFlightId).toBeNull();
  });
});

describe('curl and body download', () => {
  test('curlForActiveTab sends the request, scope and the secrets choice to the backend', async () => {
    useStore.setState({ environments: environments([environment()]) });
    state().openRequest(request(), { kind: 'builtin' });
    backend().answer({ 'requests.toCurl': () => ({ curl: 'curl https://example.com/v1/apps', unresolved: [], warnings: [] }) });
    const result = await state().curlForActiveTab(false);
    // Answered as the Code panel's snippets are, so the panel's curl preset shows it.
    expect(result).toEqual({ language: 'curl', code: 'curl https://example.com/v1/apps', unresolved: [], warnings: [], sdk: null, sdkUnavailable: null });
    expect(backend().callsTo('requests.toCurl')[0]).toMatchObject({ environmentId: 'env-1', collectionId: BUILTIN_COLLECTION_ID, includeSecrets: false });
  });

  test('codeForActiveTab asks the backend for the language picked last (none given) or the one chosen, with the catalog id of a catalog request', async () => {
    useStore.setState({ environments: environments([environment()]) });
    state().openRequest(request(), { kind: 'builtin' });
    const answer = { language: 'ruby' as const, code: 'puts 1', unresolved: [], warnings: [], sdk: null, sdkUnavailable: null };
    backend().answer({ 'codegen.generate': () => answer });
    expect(await state().codeForActiveTab(null, false)).toEqual(answer);
    await state().codeForActiveTab('node-sdk', true);
    const [first, second] = backend().callsTo('codegen.generate');
    expect(first).toMatchObject({ environmentId: 'env-1', collectionId: BUILTIN_COLLECTION_ID, catalogId: request().id, includeSecrets: false });
    expect(first && 'language' in first).toBe(false);
    expect(second).toMatchObject({ language: 'node-sdk', includeSecrets: true });
  });

  test('saveResponseBody reads the body in chunks until done and reports progress', async () => {
    const chunks = [
      { base64: btoa('ab'), offset: 0, totalBytes: 4, done: false },
      { base64: btoa('cd'), offset: 2, totalBytes: 4, done: true },
    ];
    let n = 0;
    backend().answer({ 'responses.readBody': () => chunks[n++] as (typeof chunks)[number] });
    const progress: number[] = [];
    await state().saveResponseBody('r-1', 'apps.json', 'application/json', (f) => progress.push(f));
    expect(
      backend()
        .callsTo('responses.readBody')
        .map((c) => c.offset),
    ).toEqual([0, 2]);
    expect(progress).toEqual([0.5, 1]);
    expect(downloads).toEqual([{ name: 'apps.json', size: 4 }]);
  });
});

describe('tab session', () => {
  test('restores once, saves only what changed, and starts afresh when the store is reset', async () => {
    useStore.setState({ connection: 'open' });
    backend().answer({ 'session.load': () => ({ session: null, notice: null }), 'session.save': () => ({ saved: true }) });
    // Before the restore nothing is written: the last run's tabs still wait to come back.
    await state().saveSession();
    expect(backend().callsTo('session.save')).toHaveLength(0);
    await state().restoreSession();
    await state().restoreSession();
    expect(backend().callsTo('session.load')).toHaveLength(1);
    await state().saveSession();
    await state().saveSession();
    expect(backend().callsTo('session.save')).toHaveLength(1);

    // The progress lives in the store, so a reset store restores again, as a new page does.
    useStore.setState(initial, true);
    useStore.setState({ connection: 'open' });
    await state().restoreSession();
    expect(backend().callsTo('session.load')).toHaveLength(2);
  });
});

describe('request panel split', () => {
  test('the share is kept in the store, from the default', () => {
    expect(state().requestShare).toBe(0.45);
    state().setRequestShare(0.6);
    state().newTab();
    expect(state().requestShare).toBe(0.6);
  });
});
