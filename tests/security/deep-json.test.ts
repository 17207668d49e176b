// Issue 19, item 1: one callback of `[[[…]]]` nested 20 000 deep (10 KB) was listed, and opening
// Diff on it made the host's send() throw in JSON.stringify: the process exited. No call's answer
// and no event may take the backend down; a deep callback is listed, and Diff says what is wrong.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type EventSink } from '../../electron/backend/index';
import { startHost, type Host } from '../../electron/host/server';
import { runCaptures } from '../../shared/captures';
import { connectWs, type WsClient } from './wsClient';

const DEPTH = 20_000;
const deepArray = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};
const deepText = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;

describe('the browser host answers every call, whatever its result', () => {
  let dir: string;
  let host: Host;
  let client: WsClient;
  const sinks = new Set<EventSink>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sce-deep-host-'));
    const handlers = {
      'webhooks.status': async () => deepArray(DEPTH),
      'webhooks.stop': async () => ({ count: BigInt(1) }),
      'sandbox.status': async () => ({ running: false }),
    };
    const backend = {
      handlers,
      subscribe(sink: EventSink) {
        sinks.add(sink);
        return () => sinks.delete(sink);
      },
      close: async () => undefined,
    } as unknown as Backend;
    host = await startHost({ backend, staticDir: dir });
    client = await connectWs(host);
  });
  afterAll(async () => {
    client.close();
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a result nested too deep to serialise is answered with an error, and the host keeps serving', async () => {
    const answer = await client.call('webhooks.status', {});
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/webhooks\.status/);
    expect(answer.error?.message).toMatch(/nested deeper/);
    expect(await client.call('sandbox.status', {})).toMatchObject({ ok: true, result: { running: false } });
  });

  it('a result JSON cannot carry (a BigInt) is answered with an error too', async () => {
    const answer = await client.call('webhooks.stop', {});
    expect(answer.ok).toBe(false);
    expect(answer.error?.message).toMatch(/webhooks\.stop/);
    expect(await client.call('sandbox.status', {})).toMatchObject({ ok: true });
  });

  it('an event that cannot be serialised is dropped, not fatal; the next one arrives', async () => {
    for (const sink of sinks) sink('webhooks.updated', { events: deepArray(DEPTH) } as never);
    for (const sink of sinks) sink('sandbox.changed', { running: true } as never);
    expect(await client.call('sandbox.status', {})).toMatchObject({ ok: true });
    expect(client.events.map((e) => e.event)).toEqual(['sandbox.changed']);
  });
});

describe('a deeply nested callback through the listener, the inspector and Diff', () => {
  let dataDir: string;
  let backend: Backend;
  let host: Host;
  let client: WsClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sce-deep-listener-'));
    backend = await createBackend({ dataDir, host: 'browser', version: 'test', keychainService: `Sinch Conversation Explorer (test ${process.pid})` });
    host = await startHost({ backend, staticDir: join(dataDir, 'no-renderer') });
    client = await connectWs(host);
  });
  afterAll(async () => {
    client.close();
    await host.close();
    await backend.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is listed, opens, and Diff answers a clear error; the host and listener keep serving', async () => {
    const started = await client.call('webhooks.start', { port: 0 });
    expect(started.ok).toBe(true);
    const url = (started.result as { url: string }).url;
    const post = async (body: string): Promise<number> => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).status;
    expect(await post('{"message_delivery_report":{"status":"DELIVERED","message_id":"m1"},"app_id":"a1"}')).toBe(200);
    expect(await post(deepText)).toBe(200);

    const listed = await client.call('webhooks.query', { filter: {}, offset: 0, limit: 10 });
    expect(listed.ok).toBe(true);
    const events = (listed.result as { events: Array<{ id: string; summary: string; json: { ok: boolean; error?: string } }> }).events;
    expect(events).toHaveLength(2);
    const [deep, normal] = events as [(typeof events)[0], (typeof events)[0]];
    // Listed with what is wrong with it, like any body that is not usable JSON.
    expect(deep.json).toMatchObject({ ok: false });
    expect(deep.json.error).toMatch(/nested deeper than 64 levels/);

    const opened = await client.call('webhooks.get', { id: deep.id });
    expect(opened).toMatchObject({ ok: true, result: { bodyText: deepText } });

    const diff = await client.call('webhooks.diff', { a: normal.id, b: deep.id });
    expect(diff.ok).toBe(false);
    expect(diff.error?.message).toMatch(/nested deeper than 64 levels/);
    expect(diff.error?.message).not.toMatch(/Unexpected error/);
    const reversed = await client.call('webhooks.diff', { a: deep.id, b: deep.id });
    expect(reversed.ok).toBe(false);

    // Still alive: the listener takes the next callback and the host answers.
    expect(await post('{"message_delivery_report":{"status":"READ","message_id":"m1"},"app_id":"a1"}')).toBe(200);
    const again = await client.call('webhooks.query', { filter: { text: 'read' }, offset: 0, limit: 10 });
    expect(again).toMatchObject({ ok: true, result: { total: 1 } });
    const compared = await client.call('webhooks.diff', { a: normal.id, b: (again.result as { events: Array<{ id: string }> }).events[0]?.id });
    expect(compared).toMatchObject({ ok: true, result: [{ path: '/message_delivery_report/status', kind: 'changed', before: 'DELIVERED', after: 'READ' }] });
  });
});

describe('deep JSON in a response', () => {
  it('a capture of a value nested past the limit is missed with a reason, not thrown', () => {
    const bodyText = `{"id":"m1","deep":${deepText}}`;
    const outcome = runCaptures(
      [
        { variable: 'deep', from: 'body', path: 'deep', enabled: true },
        { variable: 'id', from: 'body', path: 'id', enabled: true },
      ],
      { status: 200, headers: [], bodyText },
    );
    expect(outcome.captured).toEqual([{ variable: 'id', value: 'm1' }]);
    expect(outcome.missed).toEqual([{ variable: 'deep', reason: '"deep" is nested deeper than 64 levels' }]);
  });
});
