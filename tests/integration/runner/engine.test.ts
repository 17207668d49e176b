import { describe, expect, test } from 'vitest';
import type { Capture } from '../../../shared/model/collection';
import type { HttpResponseSummary, SendResult } from '../../../shared/model/httpRequest';
import { buildScope, type ResolvedRequest } from '../../../shared/variables';
import { sendRequest, type EngineRequest, type Sender } from '../../../electron/backend/runner/engine';

const scope = buildScope(null, null, {
  collection: [
    { key: 'host', value: 'http://127.0.0.1:9', enabled: true },
    { key: 'name', value: 'Ada', enabled: true },
  ],
});

function answer(status: number, body: string): HttpResponseSummary {
  return {
    responseId: 'r1',
    status,
    statusText: '',
    timeMs: 1,
    sizeBytes: body.length,
    headers: [{ name: 'X-Request-Id', value: 'req-7' }],
    contentType: 'application/json',
    url: 'http://127.0.0.1:9/x',
    method: 'POST',
    body: { preview: body, truncated: false, binary: false, previewLimit: 512 * 1024 },
  };
}

/** A sender that records what it was given and answers `status`/`body`. */
function fakeSender(status = 200, body = '{"id":"c-1","nested":{"n":2}}'): Sender & { calls: ResolvedRequest[] } {
  const calls: ResolvedRequest[] = [];
  const send = (resolved: ResolvedRequest): Promise<SendResult> => {
    calls.push(resolved);
    return Promise.resolve({ ok: true, response: answer(status, body) });
  };
  return Object.assign(send, { calls });
}

function request(overrides: Partial<EngineRequest> = {}): EngineRequest {
  return { method: 'POST', url: '{{host}}/x', params: [], headers: [], body: { mode: 'json', text: '{ "name": "{{name}}" }' }, ...overrides };
}

const captures: Capture[] = [
  { variable: 'contact_id', from: 'body', path: 'id', enabled: true },
  { variable: 'request_id', from: 'header', path: 'x-request-id', enabled: true },
];

describe('sendRequest (the one engine)', () => {
  test('resolves variables, adds the inherited Authorization, sends, and captures from a 2xx', async () => {
    const send = fakeSender();
    const outcome = await sendRequest(request({ captures }), { scope, send, authorize: () => 'Basic abc' });
    expect(send.calls).toHaveLength(1);
    expect(send.calls[0]).toMatchObject({ url: 'http://127.0.0.1:9/x', body: '{ "name": "Ada" }', headers: [{ name: 'Authorization', value: 'Basic abc' }] });
    expect(outcome.resolved).toBe(send.calls[0]);
    expect(outcome.captures).toEqual({
      captured: [
        { variable: 'contact_id', value: 'c-1' },
        { variable: 'request_id', value: 'req-7' },
      ],
      missed: [],
    });
  });

  test('keeps a request\'s own Authorization, and sends none for auth "none"', async () => {
    const send = fakeSender();
    let asked = 0;
    const authorize = (): string => `Bearer ${++asked}`;
    await sendRequest(request({ headers: [{ key: 'authorization', value: 'Bearer mine', enabled: true }] }), { scope, send, authorize });
    await sendRequest(request({ auth: 'none' }), { scope, send, authorize });
    expect(send.calls.map((c) => c.headers)).toEqual([[{ name: 'authorization', value: 'Bearer mine' }], []]);
    expect(asked).toBe(0);
  });

  test('refuses unresolved variables by name, before asking for credentials or sending', async () => {
    const send = fakeSender();
    const outcome = await sendRequest(request({ url: '{{host}}/{{missing}}/{{other}}' }), {
      scope,
      send,
      authorize: () => {
        throw new Error('not asked');
      },
    });
    expect(outcome.result).toEqual({
      ok: false,
      error: { code: 'UNRESOLVED_VARIABLES', message: expect.stringContaining('{{missing}}, {{other}}') as unknown, variables: ['missing', 'other'] },
    });
    expect(send.calls).toEqual([]);
  });

  test('refuses a body that is not JSON, with line and column', async () => {
    const send = fakeSender();
    const outcome = await sendRequest(request({ body: { mode: 'json', text: '{\n  "a": 1,\n}' } }), { scope, send });
    expect(outcome.result).toEqual({ ok: false, error: { code: 'INVALID_BODY', message: expect.stringMatching(/line 3, column 1/) as unknown } });
    expect(send.calls).toEqual([]);
  });

  test("a non-2xx answer captures nothing and says why; the caller's full body wins over the preview", async () => {
    const failed = await sendRequest(request({ captures }), { scope, send: fakeSender(404, '{}') });
    expect(failed.captures.captured).toEqual([]);
    expect(failed.captures.missed.map((m) => m.reason)).toEqual(['the response was 404, not 2xx', 'the response was 404, not 2xx']);
    const full = await sendRequest(request({ captures: captures.slice(0, 1) }), {
      scope,
      send: fakeSender(200, '{"id": "trunc'),
      bodyText: () => '{"id":"whole"}',
    });
    expect(full.captures.captured).toEqual([{ variable: 'contact_id', value: 'whole' }]);
  });

  test('passes the timeout and signal through', async () => {
    const seen: { timeoutMs: number; signal: AbortSignal }[] = [];
    const send: Sender = (_r, options) => {
      seen.push(options);
      return Promise.resolve({ ok: false, error: { code: 'CANCELLED', message: 'Request cancelled.' } });
    };
    const controller = new AbortController();
    const outcome = await sendRequest(request(), { scope, send, timeoutMs: 1234, signal: controller.signal });
    expect(seen[0]?.timeoutMs).toBe(1234);
    expect(seen[0]?.signal).toBe(controller.signal);
    expect(outcome.captures).toEqual({ captured: [], missed: [] });
  });
});
