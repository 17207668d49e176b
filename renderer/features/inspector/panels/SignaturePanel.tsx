import type { InspectorPanel, PanelProps } from './types';
import { always } from './types';

/** The signature check side by side: received vs computed, the secret, the signed string, nonce and timestamp skew. */
function SignaturePanel({ event }: PanelProps) {
  const d = event.verdict.details;
  const match = d.receivedSignature !== undefined && d.receivedSignature === d.computedSignature;
  return (
    <div className="signature-panel" data-testid="signature-panel">
      {d.note && <p>{d.note}</p>}
      <table className="headers-table">
        <tbody>
          <tr>
            <th>Received signature</th>
            <td className={match ? 'sig-ok' : 'sig-bad'}>{d.receivedSignature ?? '(none)'}</td>
          </tr>
          <tr>
            <th>Computed signature</th>
            <td className={match ? 'sig-ok' : 'sig-bad'}>{d.computedSignature ?? '(no secret to compute with)'}</td>
          </tr>
          <tr>
            <th>Secret</th>
            <td>
              {event.verdict.secretLabel ?? '—'}
              {d.triedSecrets && d.triedSecrets.length > 0 ? ` (tried: ${d.triedSecrets.join(', ')})` : ''}
            </td>
          </tr>
          <tr>
            <th>Algorithm</th>
            <td>{d.algorithm ?? '—'}</td>
          </tr>
          <tr>
            <th>Signed string</th>
            <td>
              {d.signedStringParts
                ? `raw body (${d.signedStringParts.bodyBytes} bytes) + "." + nonce (${d.signedStringParts.nonce}) + "." + timestamp (${d.signedStringParts.timestamp}) = ${d.signedStringLength ?? '?'} bytes`
                : '—'}
            </td>
          </tr>
          <tr>
            <th>Nonce</th>
            <td>
              {d.nonce ?? '—'} {d.nonceSeenBefore && <strong className="sig-bad">seen before: a replay</strong>}
            </td>
          </tr>
          <tr>
            <th>Timestamp</th>
            <td>
              {d.timestamp ?? '—'}
              {d.skewSeconds !== undefined &&
                ` (${d.skewSeconds >= 0 ? `${d.skewSeconds} s ago` : `${-d.skewSeconds} s in the future`}; window ±${d.toleranceSeconds ?? 300} s)`}
            </td>
          </tr>
        </tbody>
      </table>
      {event.verdict.kind === 'unknown_secret' && (
        <p className="muted small">Add the webhook's secret under Environments › Webhook secrets (named after the webhook or app id) to check it.</p>
      )}
    </div>
  );
}

export const signaturePanel: InspectorPanel = { id: 'signature', label: 'Signature', appliesTo: always, Component: SignaturePanel };
