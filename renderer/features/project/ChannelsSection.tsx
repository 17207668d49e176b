import { useRef, useState, type KeyboardEvent } from 'react';
import { CALLBACK_SECRET_FIELD, CHANNEL_CREDENTIAL_FORMS, channelForm, type CredentialField } from '../../../shared/catalog/channelCredentials';
import type { ProjectApp, ProjectChannel } from '../../../shared/model/project';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { ProblemNote } from './Problem';
import { usePointerDrag } from '../../ui/usePointerDrag';

/**
 * The channels of an app in priority order (the order of `channel_credentials`): drag a row, or
 * focus it and press Alt+ArrowUp/Down, or use its Move buttons. Each change is saved at once with
 * only `channel_credentials` in the update mask, so nothing else on the app changes.
 */
export function ChannelsSection({ app }: { app: ProjectApp }) {
  const problems = useStore((s) => s.project.problems);
  const announcement = useStore((s) => s.project.announcement);
  const busy = useStore((s) => s.project.busy);
  const { moveChannel, reorderChannels, removeChannel } = useStore.getState();
  const [editing, setEditing] = useState<{ key: string | null } | null>(null);
  const [confirmDialog, ask] = useConfirm();
  const listRef = useRef<HTMLOListElement | null>(null);

  const focusRow = (key: string): void => {
    // After the move the row is elsewhere in the list: keep the focus on it.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-channel-key="${CSS.escape(key)}"]`)?.focus());
  };
  const onKeyDown = (e: KeyboardEvent, channel: ProjectChannel): void => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    void moveChannel(channel.key, e.key === 'ArrowUp' ? -1 : 1);
    focusRow(channel.key);
  };
  const drag = usePointerDrag({
    idAttribute: 'data-channel-key',
    labelFor: (key) => app.channels.find((c) => c.key === key)?.channel ?? key,
    placeFor: (_key, _target, fraction) => (fraction < 0.5 ? 'before' : 'after'),
    onDrop: (key, target) => {
      const order = app.channels.map((c) => c.key).filter((k) => k !== key);
      const at = order.indexOf(target.id);
      if (at < 0) return;
      order.splice(target.place === 'after' ? at + 1 : at, 0, key);
      if (order.every((k, i) => k === app.channels[i]?.key)) return;
      void reorderChannels(order, key);
    },
  });

  return (
    <section className="project-card channels-card" aria-label="Channels">
      {confirmDialog}
      <header className="card-header">
        <h3>Channels, in priority order</h3>
        <span className="spacer" />
        <button type="button" className="button small primary" onClick={() => setEditing({ key: null })} disabled={editing !== null}>
          Add channel
        </button>
      </header>
      <p className="muted small">
        A message without a channel of its own goes out on the first channel here the contact can be reached on. Drag a row, or focus it and press{' '}
        <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd>.
      </p>
      {app.channels.length === 0 ? (
        <p className="empty-hint">No channels yet: add one with its credentials from the Sinch portal.</p>
      ) : (
        <ol className="channel-list" ref={listRef} aria-label="Channels in priority order">
          {app.channels.map((channel, index) => (
            <li
              key={channel.key}
              className={`channel-row ${drag.over?.id === channel.key ? `drop-${drag.over.place}` : ''} ${drag.dragging === channel.key ? 'dragging' : ''}`}
              tabIndex={0}
              data-channel-key={channel.key}
              aria-label={`${channel.channel}, position ${index + 1} of ${app.channels.length}`}
              onKeyDown={(e) => onKeyDown(e, channel)}
              onPointerDown={(e) => busy.reorder !== true && drag.start(e, channel.key)}
            >
              <span className="drag-handle" aria-hidden="true">
                ⋮⋮
              </span>
              <span className="channel-position">{index + 1}</span>
              <span className="channel-name">{channel.channel}</span>
              <span className="channel-identity muted small">
                {channel.fields.find((f) => !f.secret && typeof f.value === 'string' && f.value !== '')?.value ?? ''}
              </span>
              {channel.state && (
                <span className={`channel-state state-${channel.state.status.toLowerCase()}`} title={channel.state.description}>
                  {channel.state.status}
                </span>
              )}
              <span className="spacer" />
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${channel.channel} up`}
                disabled={index === 0 || busy.reorder === true}
                onClick={() => void moveChannel(channel.key, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move ${channel.channel} down`}
                disabled={index === app.channels.length - 1 || busy.reorder === true}
                onClick={() => void moveChannel(channel.key, 1)}
              >
                ↓
              </button>
              <button
                type="button"
                className="button small"
                aria-label={`Edit ${channel.channel}`}
                disabled={channel.formId === null}
                onClick={() => setEditing({ key: channel.key })}
              >
                Edit
              </button>
              <button
                type="button"
                className="button small danger"
                aria-label={`Remove ${channel.channel}`}
                onClick={() =>
                  void ask({
                    title: `Remove ${channel.channel}?`,
                    message: (
                      <p>
                        The app stops sending and receiving on {channel.channel}. Its credentials are removed from the app; to add it back you need them again.
                      </p>
                    ),
                    choices: [{ value: 'remove', label: 'Remove', kind: 'danger' }],
                  }).then((choice) => choice === 'remove' && removeChannel(channel.key))
                }
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="sr-only" aria-live="polite" data-testid="order-announcement">
        {announcement}
      </div>
      <ProblemNote problem={problems.order} testId="order-problem" />
      {editing && <ChannelForm key={editing.key ?? 'new'} channel={app.channels.find((c) => c.key === editing.key) ?? null} onDone={() => setEditing(null)} />}
      {!editing && <ProblemNote problem={problems.channel} testId="channel-problem" />}
    </section>
  );
}

/** Adds a channel (at the end of the order) or edits one; secrets typed here go to the API, never to disk. */
function ChannelForm({ channel, onDone }: { channel: ProjectChannel | null; onDone: () => void }) {
  const problem = useStore((s) => s.project.problems.channel);
  const saving = useStore((s) => s.project.busy.saveChannel === true);
  const { saveChannel, clearProblem } = useStore.getState();
  const [formId, setFormId] = useState(channel?.formId ?? 'SMS');
  const form = channelForm(formId);
  const initial = (): Record<string, string | boolean> => {
    const values: Record<string, string | boolean> = {};
    for (const field of channel?.fields ?? []) if (!field.secret && field.value !== null) values[field.path] = field.value;
    return values;
  };
  const [values, setValues] = useState<Record<string, string | boolean>>(initial);
  const editing = channel !== null;
  const fields: CredentialField[] = form ? [...form.fields, CALLBACK_SECRET_FIELD] : [];
  const isSet = (path: string): boolean => channel?.fields.find((f) => f.path === path)?.set ?? false;
  const missing = fields.filter(
    (f) => f.required && f.kind !== 'boolean' && (values[f.path] ?? '') === '' && !(editing && f.kind === 'secret' && isSet(f.path)),
  );

  const submit = async (): Promise<void> => {
    const list = fields
      .map((f) => ({ path: f.path, value: values[f.path] ?? (f.kind === 'boolean' ? false : '') }))
      // An empty secret when editing keeps the app's value; an empty optional field is left out.
      .filter((v) => v.value !== '');
    const ok = await saveChannel({ formId, ...(channel ? { key: channel.key } : {}), values: list });
    // The typed secrets leave the page's memory either way.
    setValues((v) => Object.fromEntries(Object.entries(v).filter(([path]) => fields.find((f) => f.path === path)?.kind !== 'secret')));
    if (ok) onDone();
  };

  return (
    <form
      className="channel-form"
      aria-label={editing ? `Edit ${channel.channel}` : 'Add a channel'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4>{editing ? `Edit ${channel.channel}` : 'Add a channel'}</h4>
      {!editing && (
        <label className="field">
          <span>Channel</span>
          <select aria-label="Channel" value={formId} onChange={(e) => setFormId(e.target.value)}>
            {CHANNEL_CREDENTIAL_FORMS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {editing && <p className="muted small">Secret fields are never shown: leave one empty to keep the value the app has, or type a new one to replace it.</p>}
      {fields.map((field) => (
        <label key={field.path} className={field.kind === 'boolean' ? 'checkbox' : 'field'}>
          {field.kind === 'boolean' ? (
            <>
              <input type="checkbox" checked={values[field.path] === true} onChange={(e) => setValues({ ...values, [field.path]: e.target.checked })} />{' '}
              {field.label}
            </>
          ) : (
            <>
              <span>
                {field.label}
                {field.required ? '' : ' (optional)'}
              </span>
              <input
                type={field.kind === 'secret' ? 'password' : 'text'}
                aria-label={field.label}
                autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
                spellCheck={false}
                placeholder={field.kind === 'secret' && editing && isSet(field.path) ? 'Set ✓ — leave empty to keep it' : (field.hint ?? '')}
                value={String(values[field.path] ?? '')}
                onChange={(e) => setValues({ ...values, [field.path]: e.target.value })}
              />
              {field.hint && field.kind !== 'secret' && <span className="muted small">{field.hint}</span>}
            </>
          )}
        </label>
      ))}
      <p className="muted small">Secrets typed here go straight to the API; the app does not keep them.</p>
      <ProblemNote problem={problem} testId="channel-problem" />
      <div className="card-actions">
        <button
          type="submit"
          className="button small primary"
          disabled={saving || missing.length > 0}
          title={missing.length > 0 ? `Fill in: ${missing.map((f) => f.label).join(', ')}` : undefined}
        >
          {saving ? 'Saving…' : editing ? 'Save channel' : 'Add channel'}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => {
            clearProblem('channel');
            onDone();
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
