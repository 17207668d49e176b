import { describe, expect, it } from 'vitest';
import { buildEntry, channelKeys, channelViews, formOfEntry, writableEntry } from '../../../electron/backend/project/channels';

describe('channel credentials as the page sees them and as the backend writes them', () => {
  it('picks the LINE enterprise form by the region present', () => {
    expect(formOfEntry({ channel: 'LINE', line_enterprise_credentials: { line_thailand: { token: 't', secret: 's' } } })?.id).toBe('LINE_ENTERPRISE_THAILAND');
    expect(formOfEntry({ channel: 'LINE', line_enterprise_credentials: { line_japan: { token: 't', secret: 's' } } })?.id).toBe('LINE_ENTERPRISE_JAPAN');
    expect(formOfEntry({ channel: 'LINE', line_credentials: { token: 't', secret: 's' } })?.id).toBe('LINE');
  });

  it('keys channels by name, with the ordinal when an app has several of one', () => {
    expect(channelKeys([{ channel: 'SMS' }, { channel: 'LINE', credential_ordinal_number: 0 }, { channel: 'LINE', credential_ordinal_number: 3 }])).toEqual([
      'SMS',
      'LINE#0',
      'LINE#3',
    ]);
    expect(channelKeys([{ channel: 'LINE' }, { channel: 'LINE' }])).toEqual(['LINE#0', 'LINE#1']);
  });

  it('shows secret fields as set, never their values, including shapes no form knows', () => {
    const [known, unknown] = channelViews([
      { channel: 'WECHAT', wechat_credentials: { app_id: 'wx1', app_secret: 'AS', token: 'TK', aes_key: 'AK' }, callback_secret: 'CB' },
      { channel: 'SMS', future_credentials: { user: 'u', api_key: 'K', nested: { password: 'P' } } },
    ]);
    expect(JSON.stringify([known, unknown])).not.toMatch(/"(AS|TK|AK|CB|K|P)"/);
    expect(known?.fields.map((f) => [f.path, f.value, f.set])).toEqual([
      ['app_id', 'wx1', true],
      ['app_secret', null, true],
      ['token', null, true],
      ['aes_key', null, true],
      ['callback_secret', null, true],
    ]);
    expect(unknown?.formId).toBeNull();
    expect(unknown?.fields.find((f) => f.path === 'nested.password')).toEqual({ path: 'nested.password', value: null, secret: true, set: true });
    expect(unknown?.fields.find((f) => f.path === 'user')?.value).toBe('u');
  });

  it('editing keeps secrets left empty, fields no form shows, and drops output-only fields', () => {
    const server = {
      channel: 'MMS',
      mms_credentials: { account_id: 'a', api_key: 'KEY', basic_auth: { username: 'u', password: 'PW' }, extra: 1 },
      state: { status: 'ACTIVE' },
      channel_known_id: 'k',
      credential_ordinal_number: 0,
    };
    const built = buildEntry(
      'MMS',
      [
        { path: 'account_id', value: 'b' },
        { path: 'api_key', value: '' },
        { path: 'default_sender', value: '123' },
      ],
      server,
    );
    expect(built).toEqual({
      ok: true,
      entry: {
        channel: 'MMS',
        mms_credentials: { account_id: 'b', api_key: 'KEY', basic_auth: { username: 'u', password: 'PW' }, extra: 1, default_sender: '123' },
        credential_ordinal_number: 0,
      },
      sentSecrets: [],
    });
    expect(writableEntry(server)).not.toHaveProperty('state');
  });

  it('refuses a missing required secret, a field the form does not have, and another channel type', () => {
    expect(buildEntry('TELEGRAM', [], undefined)).toEqual({ ok: false, message: 'Telegram: Token is required.' });
    expect(buildEntry('TELEGRAM', [{ path: '__proto__', value: 'x' }], undefined)).toMatchObject({ ok: false });
    expect(buildEntry('TELEGRAM', [{ path: 'token', value: 't' }], { channel: 'SMS', static_bearer: { claimed_identity: 'a', token: 'b' } })).toMatchObject({
      ok: false,
    });
    // LINE → LINE enterprise: a new shape, so its secrets must be typed.
    const line = { channel: 'LINE', line_credentials: { token: 'T', secret: 'S' } };
    expect(buildEntry('LINE_ENTERPRISE_JAPAN', [], line)).toMatchObject({ ok: false, message: 'LINE enterprise (Japan): Token is required.' });
    const moved = buildEntry(
      'LINE_ENTERPRISE_JAPAN',
      [
        { path: 'line_japan.token', value: 'T2' },
        { path: 'line_japan.secret', value: 'S2' },
      ],
      line,
    );
    expect(moved).toEqual({
      ok: true,
      entry: { channel: 'LINE', line_enterprise_credentials: { line_japan: { token: 'T2', secret: 'S2' } } },
      sentSecrets: ['T2', 'S2'],
    });
  });
});
