// Finding 4 of issue #10: a body over the sandbox's 2 MB limit got a connection reset (the
// request was destroyed before the reply), and JSON nested 2,000+ levels gave a 500 RangeError.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../electron/backend/sandbox/index';
import { withSandbox, type Client } from '../integration/sandbox/helpers';

interface RawReply {
  status: number;
  body: string;
}

/** node:http, so a reset shows up as an error instead of being retried or hidden. */
function send(url: string, method: string, headers: Record<string, string>, body: Buffer | string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function envelope(text: string): { code: number; status: string; message: string } {
  const parsed = JSON.parse(text) as { error?: { code: number; status: string; message: string } };
  if (!parsed.error) throw new Error(`not a Sinch error envelope: ${text.slice(0, 200)}`);
  return parsed.error;
}

describe('sandbox answers oversized and deeply nested bodies with a Sinch error', () => {
  let sandbox: SandboxHandle;
  let client: Client;
  let auth: Record<string, string>;

  beforeAll(async () => {
    ({ sandbox, client } = await withSandbox());
    auth = { Authorization: `Bearer ${await client.fetchToken()}`, 'Content-Type': 'application/json' };
  });
  afterAll(() => sandbox.close());

  it('a 3 MB body gets 413 with the error envelope, not a reset connection', async () => {
    const big = JSON.stringify({ display_name: 'x'.repeat(3 * 1024 * 1024) });
    const reply = await send(`${sandbox.conversationUrl}${client.project}/contacts`, 'POST', auth, big);
    expect(reply.status).toBe(413);
    const error = envelope(reply.body);
    expect(error.code).toBe(413);
    expect(error.message).toMatch(/larger than 2097152 bytes/);
    // The sandbox is still fine afterwards.
    const after = await client.call('GET', `${client.project}/apps`);
    expect(after.status).toBe(200);
  });

  it.each([
    ['objects', (n: number) => `{"metadata_json":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`],
    ['arrays', (n: number) => `{"metadata_json":{"a":${'['.repeat(n)}${']'.repeat(n)}}}`],
  ])('JSON nested 3,000 levels deep (%s) gets 400 INVALID_ARGUMENT, not a 500', async (_kind, make) => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15557100001' }]);
    const conv = await client.call<{ id: string }>('POST', `${client.project}/conversations`, { app_id: app.id, contact_id: contact.id });
    for (const [method, path] of [
      ['PATCH', `${client.project}/conversations/${conv.body.id}?update_mask=metadata_json`],
      ['POST', `${client.project}/conversations`],
      ['POST', `${client.project}/messages:send`],
    ] as const) {
      const reply = await send(`${sandbox.conversationUrl}${path}`, method, auth, make(3000));
      expect(reply.status, `${method} ${path}`).toBe(400);
      const error = envelope(reply.body);
      expect(error.status).toBe('INVALID_ARGUMENT');
      expect(error.message).toMatch(/nested deeper than 64 levels/);
    }
  });

  it('JSON at the depth limit is still accepted', async () => {
    const app = await client.createApp();
    const contact = await client.createContact([{ channel: 'SMS', identity: '+15557100002' }]);
    const conv = await client.call<{ id: string }>('POST', `${client.project}/conversations`, { app_id: app.id, contact_id: contact.id });
    // The body object is level 1 and metadata_json level 2: 62 more reach exactly 64.
    const deep = `{"metadata_json":${'{"a":'.repeat(62)}1${'}'.repeat(62)}}`;
    const reply = await send(`${sandbox.conversationUrl}${client.project}/conversations/${conv.body.id}?update_mask=metadata_json`, 'PATCH', auth, deep);
    expect(reply.status).toBe(200);
  });
});
