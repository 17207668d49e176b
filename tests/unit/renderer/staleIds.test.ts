import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../shared/model/environment';
import { staleIdsOf } from '../../../renderer/features/sandbox/sandboxSlice';

const env = (over: Partial<Environment>): Environment => ({
  id: 'e1',
  name: 'Sandbox',
  region: 'sandbox',
  customBaseUrl: '',
  customTemplateUrl: '',
  projectId: 'sandbox-project',
  appId: '',
  variables: [],
  auth: { mode: 'oauth2', tokenUrl: '', keyId: '' },
  ...over,
});

describe('ids that point into an emptied sandbox', () => {
  it('lists the app id and id-named variables of sandbox environments only', () => {
    const stale = staleIdsOf([
      env({
        appId: '01APP',
        variables: [
          { key: 'contact_id', value: '01CONTACT', enabled: true },
          { key: 'conversation.id', value: '01CONV', enabled: true },
          { key: 'recipient_phone', value: '+46700000001', enabled: true },
          { key: 'webhook_id', value: '', enabled: true },
          { key: 'client_id', value: 'hidden', enabled: true, secret: true },
        ],
      }),
      env({ id: 'e2', name: 'Production', region: 'eu', appId: '01REAL', variables: [{ key: 'contact_id', value: '01REALCONTACT', enabled: true }] }),
    ]);
    expect(stale.map((s) => `${s.environmentName}:${s.name}=${s.value}`)).toEqual([
      'Sandbox:app_id=01APP',
      'Sandbox:contact_id=01CONTACT',
      'Sandbox:conversation.id=01CONV',
    ]);
  });

  it('is empty when nothing points into the sandbox', () => {
    expect(staleIdsOf([env({})])).toEqual([]);
  });
});
