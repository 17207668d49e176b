import type { VerdictKind } from '../../../shared/model/webhookEvent';

export const VERDICT_LABELS: Record<VerdictKind, string> = {
  valid: 'valid',
  invalid: 'invalid signature',
  unsigned: 'unsigned',
  unknown_secret: 'unknown secret',
  stale: 'stale timestamp',
  replayed: 'nonce reused',
  malformed_headers: 'incomplete headers',
};
