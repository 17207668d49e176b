import { describe, expect, test } from 'vitest';
import { contactLabel } from '../../../shared/model/contactLabel';

describe('a contact in a picker', () => {
  test('a contact Sinch named "Unknown" reads by its identity, whole', () => {
    expect(contactLabel({ id: '01HCONTACT', displayName: 'Unknown', channelIdentities: [{ channel: 'WHATSAPP', identity: '+46700000001' }] })).toBe(
      '+46700000001 (WHATSAPP)',
    );
  });

  test('one number on two channels is said once; other identities follow', () => {
    const identities = [
      { channel: 'WHATSAPP', identity: '+46700000001' },
      { channel: 'SMS', identity: '+46700000001' },
      { channel: 'MESSENGER', identity: '7412589630' },
    ];
    expect(contactLabel({ id: '01HCONTACT', displayName: '', channelIdentities: identities })).toBe('+46700000001 (WHATSAPP, SMS), 7412589630 (MESSENGER)');
  });

  test('a named contact keeps its name, with its channels', () => {
    expect(contactLabel({ id: '01HCONTACT', displayName: 'Ada Lovelace', channelIdentities: [{ channel: 'SMS', identity: '+46700000002' }] })).toBe(
      'Ada Lovelace (SMS)',
    );
  });

  test('with neither name nor identity, its id', () => {
    expect(contactLabel({ id: '01HCONTACTWITHNOTHING00000', displayName: 'Unknown', channelIdentities: [] })).toBe('01HCONTACTWITHNOTHING00000');
  });
});
