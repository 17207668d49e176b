import { describe, expect, test } from 'vitest';
import { rebaseDraft } from '../../../renderer/features/environments/rebaseDraft';
import { environment } from './slices/fixtures';

describe('an open environment form when its environment changes elsewhere', () => {
  test('fields not edited in the form take the new value; edited ones keep the edit', () => {
    const before = environment({ appId: '', projectId: 'p1', name: 'Sandbox' });
    const draft = { ...before, name: 'Sandbox (renamed here)' };
    const after = { ...before, appId: '01APPAPPAPPAPPAPPAPPAPPAPP' };
    expect(rebaseDraft(draft, before, after)).toEqual({ ...after, name: 'Sandbox (renamed here)' });
  });

  test('an untouched form becomes the new environment exactly, so it is not marked unsaved', () => {
    const before = environment();
    const after = { ...before, appId: 'APP2', variables: [{ key: 'contact_id', value: 'C1', enabled: true }] };
    expect(rebaseDraft({ ...before }, before, after)).toEqual(after);
  });
});
