import { useEffect, useState } from 'react';
import { SIMULATED_INBOUND_KINDS } from '../../../shared/contract';
import { selectScope } from '../../scope';
import { useStore } from '../../store';
import { ContactSelect } from '../../ui/ContactSelect';
import { Dialog } from '../../ui/Dialog';
import { selectActiveEnvironment } from '../environments';

type Kind = (typeof SIMULATED_INBOUND_KINDS)[number];

const KIND_LABELS: Record<Kind, string> = {
  text: 'Text message',
  media: 'Media message',
  location: 'Location',
  postback: 'Reply to a choice (postback)',
  composing: 'Typing… (composing)',
  composing_end: 'Stopped typing',
};

/**
 * Makes a simulated contact send something to an app, so webhooks receive realistic inbound
 * traffic (MESSAGE_INBOUND, EVENT_INBOUND) without a phone.
 */
export function SimulateInboundDialog() {
  const open = useStore((s) => s.dialog?.kind === 'simulateInbound');
  const active = useStore(selectActiveEnvironment);
  const closeDialog = useStore((s) => s.closeDialog);
  const simulateInbound = useStore((s) => s.simulateInbound);
  // The sandbox's contacts, to pick one by its name or number rather than paste its id.
  const contacts = useStore((s) => s.project.contacts);
  const loadContacts = useStore((s) => s.loadContacts);
  const [appId, setAppId] = useState('');
  const [sender, setSender] = useState<'identity' | 'contact'>('identity');
  const [channel, setChannel] = useState('SMS');
  const [identity, setIdentity] = useState('+46700000001');
  const [contactId, setContactId] = useState('');
  const [kind, setKind] = useState<Kind>('text');
  const [text, setText] = useState('Hello from a simulated contact');
  const [postbackData, setPostbackData] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The contact the user is working with, as their requests see it: {{contact_id}} in scope.
  const scopedContact = useStore((s) => {
    const v = selectScope(s).get('contact_id');
    return v && !v.secret && !v.value.includes('{{') ? v.value.trim() : '';
  });
  useEffect(() => {
    if (!open || scopedContact === '') return;
    // Each time the dialog opens, start from the contact in scope: the one the last requests used.
    setContactId(scopedContact);
    setSender('contact');
  }, [open, scopedContact]);
  useEffect(() => {
    // Read again at each opening: contacts made by requests since are offered too.
    if (open && sender === 'contact') void loadContacts();
  }, [open, sender, loadContacts]);
  if (!open) return null;
  const app = appId || active?.appId || '';

  const submit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const problem = await simulateInbound({
      appId: app,
      kind,
      ...(sender === 'contact' ? { contactId } : { channel, identity }),
      ...(kind === 'text' || kind === 'media' ? { text } : {}),
      ...(kind === 'postback' && postbackData ? { postbackData } : {}),
    });
    setError(problem);
    setBusy(false);
  };

  return (
    <Dialog
      label="Simulate inbound"
      title="Simulate an inbound message or event"
      onClose={() => closeDialog('simulateInbound')}
      onSubmit={() => void submit()}
      footer={
        <>
          <button type="button" className="button" onClick={() => closeDialog('simulateInbound')}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send as contact'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>App ID</span>
        <input
          type="text"
          aria-label="Simulate app ID"
          value={appId}
          placeholder={active?.appId || 'the app that receives it'}
          onChange={(e) => setAppId(e.target.value)}
        />
      </label>
      <div className="field">
        <span>From</span>
        <div className="body-modes">
          <label>
            <input type="radio" checked={sender === 'identity'} onChange={() => setSender('identity')} /> A channel identity
          </label>
          <label>
            <input type="radio" checked={sender === 'contact'} onChange={() => setSender('contact')} /> An existing contact
          </label>
        </div>
      </div>
      {sender === 'identity' ? (
        <div className="field-row">
          <label className="field">
            <span>Channel</span>
            <input type="text" aria-label="Simulate channel" value={channel} onChange={(e) => setChannel(e.target.value.toUpperCase())} />
          </label>
          <label className="field">
            <span>Identity</span>
            <input type="text" aria-label="Simulate identity" value={identity} onChange={(e) => setIdentity(e.target.value)} />
          </label>
        </div>
      ) : (
        <>
          <ContactSelect
            label="Contact"
            ariaLabel="Simulate contact"
            contacts={contacts}
            value={contacts?.some((c) => c.id === contactId) ? contactId : ''}
            emptyChoice={contacts === null ? 'Reading the sandbox’s contacts…' : contacts.length === 0 ? 'No contacts in the sandbox yet' : 'Pick a contact…'}
            onChange={setContactId}
          />
          <label className="field">
            <span>Contact ID</span>
            <input type="text" aria-label="Simulate contact ID" value={contactId} placeholder="a contact id" onChange={(e) => setContactId(e.target.value)} />
            {scopedContact !== '' && contactId === scopedContact && <span className="hint">From {'{{contact_id}}'}</span>}
          </label>
        </>
      )}
      <label className="field">
        <span>What the contact does</span>
        <select aria-label="Simulate kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {SIMULATED_INBOUND_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </label>
      {(kind === 'text' || kind === 'media') && (
        <label className="field">
          <span>{kind === 'text' ? 'Text' : 'Caption'}</span>
          <input type="text" aria-label="Simulate text" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
      )}
      {kind === 'postback' && (
        <label className="field">
          <span>Postback data (empty: answer the last choice message sent to this contact with its first option)</span>
          <input type="text" aria-label="Simulate postback data" value={postbackData} onChange={(e) => setPostbackData(e.target.value)} />
        </label>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}
