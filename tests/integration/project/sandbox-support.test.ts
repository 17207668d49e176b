import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../../electron/backend/sandbox/index';
import { expectRpcError, withSandbox } from '../sandbox/helpers';

/** What the getting-started journey needs from the sandbox, checked on its own API. */
describe('sandbox support for the Project view', () => {
  let sandbox: SandboxHandle | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  it('apps without channels, LINE enterprise shapes, a channel_credentials PATCH that changes nothing else, a contact priority PATCH', async () => {
    const started = await withSandbox();
    sandbox = started.sandbox;
    const { client } = started;
    const p = client.project;
    const empty = await client.call<{ id: string; channel_credentials: unknown[] }>('POST', `${p}/apps`, {
      display_name: 'No channels yet',
      channel_credentials: [],
    });
    expect(empty.status).toBe(200);
    expect(empty.body.channel_credentials).toEqual([]);

    const lineNoRegion = await client.call('POST', `${p}/apps`, {
      display_name: 'x',
      channel_credentials: [{ channel: 'LINE', line_enterprise_credentials: { is_default: true } }],
    });
    expect(expectRpcError(lineNoRegion, 400, 'INVALID_ARGUMENT').message).toContain('line_japan, line_thailand');
    const lineNoSecret = await client.call('POST', `${p}/apps`, {
      display_name: 'x',
      channel_credentials: [{ channel: 'LINE', line_enterprise_credentials: { line_thailand: { token: 't' } } }],
    });
    expect(expectRpcError(lineNoSecret, 400, 'INVALID_ARGUMENT').message).toContain('line_thailand.secret');
    const line = await client.call('POST', `${p}/apps`, {
      display_name: 'x',
      channel_credentials: [{ channel: 'LINE', line_enterprise_credentials: { line_japan: { token: 't', secret: 's' } } }],
    });
    expect(line.status).toBe(200);

    const app = await client.createApp({
      display_name: 'Keep me',
      processing_mode: 'DISPATCH',
      channel_credentials: [
        { channel: 'SMS', static_bearer: { claimed_identity: 'p', token: 't1' } },
        { channel: 'WHATSAPP', static_bearer: { claimed_identity: 'b', token: 't2' } },
      ],
    });
    const patched = await client.call<Record<string, unknown>>('PATCH', `${p}/apps/${app.id}?update_mask=channel_credentials`, {
      channel_credentials: [
        { channel: 'WHATSAPP', static_bearer: { claimed_identity: 'b', token: 't2' } },
        { channel: 'SMS', static_bearer: { claimed_identity: 'p', token: 't1' } },
      ],
    });
    expect(patched.status).toBe(200);
    expect((patched.body['channel_credentials'] as { channel: string }[]).map((c) => c.channel)).toEqual(['WHATSAPP', 'SMS']);
    expect(patched.body).toMatchObject({ display_name: 'Keep me', processing_mode: 'DISPATCH' });

    const contact = await client.createContact([{ channel: 'SMS', identity: '+15550001111' }]);
    const prio = await client.call<{ channel_priority: string[]; display_name: string }>('PATCH', `${p}/contacts/${contact.id}?update_mask=channel_priority`, {
      channel_priority: ['WHATSAPP', 'SMS'],
    });
    expect(prio.status).toBe(200);
    expect(prio.body.channel_priority).toEqual(['WHATSAPP', 'SMS']);
  });
});
