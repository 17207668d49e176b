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

/** A red circled cross: drawn, not an emoji, because emoji fonts are missing on some machines. */
export function FailureIcon() {
  return (
    <svg className="failure-icon" width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}
