import { useEffect, useState } from 'react';
import { CHANNELS } from '../../../shared/apiEnums';
import type { ProjectApp, RoutingCandidate } from '../../../shared/model/project';
import { useStore } from '../../store';
import { ContactSelect } from '../../ui/ContactSelect';
import { ProblemNote } from './Problem';

const SOURCE_WORDS: Record<RoutingCandidate['source'], string> = {
  'active-conversation': 'active conversation',
  'contact-priority': 'contact’s priority',
  'app-order': 'app’s order',
};

/**
 * "Which channel will a message use?" for one contact: the API's rule step by step (active channel of
 * an open conversation → the contact's channel_priority → the app's order, kept to the contact's
 * identities), with the contact's own priority editable in place.
 */
export function RoutingSection({ app }: { app: ProjectApp }) {
  const contacts = useStore((s) => s.project.contacts);
  const routing = useStore((s) => s.project.routing);
  const problem = useStore((s) => s.project.problems.contact);
  const busy = useStore((s) => s.project.busy);
  const { loadContacts, explainRouting, setContactPriority } = useStore.getState();
  const [contactId, setContactId] = useState('');
  const [priority, setPriority] = useState<string[] | null>(null);
  const [adding, setAdding] = useState('');

  useEffect(() => {
    if (contacts === null) void loadContacts();
  }, [contacts, loadContacts]);
  useEffect(() => {
    if (contactId) void explainRouting(contactId);
  }, [contactId, app.id, app.channels, explainRouting]);
  useEffect(() => setPriority(null), [routing?.contact.id]);

  const current = priority ?? routing?.contact.channelPriority ?? [];
  const edited = priority !== null && JSON.stringify(priority) !== JSON.stringify(routing?.contact.channelPriority ?? []);
  const move = (index: number, delta: number): void => {
    const next = [...current];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(Math.max(0, Math.min(next.length, index + delta)), 0, item);
    setPriority(next);
  };

  return (
    <section className="project-card routing-card" aria-label="Which channel will a message use?">
      <header className="card-header">
        <h3>Which channel will a message use?</h3>
        <span className="spacer" />
        <button type="button" className="button small" onClick={() => void loadContacts()} disabled={busy.contacts === true}>
          Reload contacts
        </button>
      </header>
      <ContactSelect
        label="Contact"
        ariaLabel="Contact"
        contacts={contacts}
        value={contactId}
        emptyChoice={contacts && contacts.length === 0 ? 'No contacts in this project yet' : 'Pick a contact…'}
        onChange={setContactId}
      />
      <ProblemNote problem={problem} testId="routing-problem" />
      {routing && contactId && (
        <div className="routing" data-testid="routing">
          <ul className="routing-steps">
            {routing.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
          <p className="routing-first" role="status">
            {routing.first ? (
              <>
                First try: <strong>{routing.first.channel}</strong> to <code>{routing.first.identity}</code>
              </>
            ) : (
              'No channel can reach this contact from this app: add a channel the contact has an identity on, or an identity on one of the app’s channels.'
            )}
          </p>
          <table className="routing-table">
            <tbody>
              {routing.candidates.map((c, i) => (
                <tr key={`${c.source}-${c.channel}-${i}`} className={c.usable ? 'usable' : 'unusable'}>
                  <td>{c.usable ? '✓' : '✗'}</td>
                  <td>{c.channel}</td>
                  <td className="muted nowrap">{SOURCE_WORDS[c.source]}</td>
                  <td>{c.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="contact-priority">
            <span className="field-label">The contact’s channel priority (overrides the app’s order when not empty)</span>
            <ol className="priority-list" aria-label="Contact channel priority">
              {current.map((channel, i) => (
                <li key={channel}>
                  <span>{channel}</span>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${channel} up in the contact's priority`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Move ${channel} down in the contact's priority`}
                    disabled={i === current.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Take ${channel} out of the contact's priority`}
                    onClick={() => setPriority(current.filter((c) => c !== channel))}
                  >
                    ×
                  </button>
                </li>
              ))}
              {current.length === 0 && <li className="muted small">Empty: the app’s order applies.</li>}
            </ol>
            <div className="inline-form">
              <select aria-label="Channel to add to the contact's priority" value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">Add a channel…</option>
                {CHANNELS.filter((c) => !current.includes(c)).map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="button small"
                disabled={adding === ''}
                onClick={() => {
                  setPriority([...current, adding]);
                  setAdding('');
                }}
              >
                Add
              </button>
              <span className="spacer" />
              <button
                type="button"
                className="button small primary"
                disabled={!edited || busy.priority === true}
                onClick={() => void setContactPriority(routing.contact.id, current)}
              >
                Save the contact’s priority
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
