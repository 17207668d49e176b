import { useEffect, useState } from 'react';
import type { SigningSecretChoice, SigningSecretRef } from '../../../shared/contract';
import { displayText } from '../../../shared/displayText';
import { WEBHOOK_TRIGGERS } from '../../../shared/model/webhookEvent';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';

type Trigger = (typeof WEBHOOK_TRIGGERS)[number];

const GROUPS: { kind: SigningSecretChoice['kind']; label: string }[] = [
  { kind: 'webhook-secret', label: 'Webhook secrets' },
  { kind: 'variable', label: 'Padlocked variables' },
  { kind: 'sandbox-webhook', label: 'Sandbox webhooks' },
];

/** Whether two names point at the same secret (the select's values are places in the list, '' for unsigned). */
const sameRef = (a: SigningSecretRef, b: SigningSecretRef): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Fire a sample… (our `stripe trigger`): a realistic callback of any trigger, sent to the listener, unsigned or
 * signed as Sinch signs with a secret chosen by name, so the signature check can be tried. The page never sees
 * a secret's value: it names one, and the backend signs.
 */
export function FireSampleDialog() {
  const open = useStore((s) => s.dialog?.kind === 'fireSample');
  const choices = useStore((s) => s.signingSecrets);
  const last = useStore((s) => s.lastSample);
  const { closeDialog, fireSample, loadSigningSecrets } = useStore.getState();
  const [trigger, setTrigger] = useState<Trigger>(last.trigger);
  const [sign, setSign] = useState<SigningSecretRef | null>(last.sign);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) void loadSigningSecrets();
  }, [open, loadSigningSecrets]);
  if (!open) return null;
  const close = (): void => closeDialog('fireSample');
  const chosen = sign && choices ? choices.findIndex((c) => sameRef(c.ref, sign)) : -1;
  const fire = async (): Promise<void> => {
    setBusy(true);
    setProblem(null);
    const failed = await fireSample(trigger, chosen >= 0 ? sign : null);
    setBusy(false);
    if (failed) setProblem(failed);
    else close();
  };
  return (
    <Dialog
      label="Fire a sample"
      title="Fire a sample callback"
      onClose={close}
      onSubmit={() => void fire()}
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Firing…' : 'Fire'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Trigger</span>
        <select aria-label="Sample trigger" value={trigger} onChange={(e) => setTrigger(e.target.value as Trigger)}>
          {WEBHOOK_TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Sign with</span>
        <select
          aria-label="Sign with"
          value={chosen >= 0 ? String(chosen) : ''}
          onChange={(e) => setSign(e.target.value === '' ? null : (choices?.[Number(e.target.value)]?.ref ?? null))}
        >
          <option value="">Unsigned</option>
          {GROUPS.map(({ kind, label }) => {
            const inGroup = (choices ?? []).map((choice, index) => ({ choice, index })).filter(({ choice }) => choice.kind === kind);
            return inGroup.length === 0 ? null : (
              <optgroup key={kind} label={label}>
                {inGroup.map(({ choice, index }) => (
                  <option key={index} value={String(index)}>
                    {displayText(choice.label)}
                  </option>
                ))}
              </optgroup>
            );
          })}
        </select>
        <span className="muted small">
          {choices !== null && choices.length === 0
            ? 'No secret to sign with yet: store a webhook secret (Environments › Access key), padlock a variable, or create a webhook in the sandbox.'
            : 'Pick a secret to sign it as Sinch does: HMAC-SHA256 of body.nonce.timestamp, a fresh nonce, the time now. The listener tries the same secrets, so its verdict reads valid.'}
        </span>
      </label>
      {problem && (
        <div className="banner error" role="alert">
          {problem}
        </div>
      )}
    </Dialog>
  );
}
