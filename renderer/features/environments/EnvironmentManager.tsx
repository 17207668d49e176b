import { useEffect, useMemo, useRef, useState } from 'react';
import { EnvironmentSchema, RESERVED_VARIABLES, type Environment } from '../../../shared/model/environment';
import { REGION_CHOICES, REGION_LABELS, type RegionChoice } from '../../../shared/regions';
import { buildScope, environmentHosts } from '../../../shared/variables';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { KeyValueTable } from '../../ui/KeyValueTable';
import { AccessKeys } from './AccessKeys';
import { rebaseDraft } from './rebaseDraft';
import { displayText } from '../../../shared/displayText';

/** The environment manager: a list on the left, the chosen environment's form on the right. */
export function EnvironmentManager() {
  const open = useStore((s) => s.dialog?.kind === 'environments');
  const state = useStore((s) => s.environments);
  const selectedId = useStore((s) => (s.dialog?.kind === 'environments' ? s.dialog.selectedId : null));
  const { closeManager, selectInManager, createEnvironment, duplicateEnvironment, deleteEnvironment, setActiveEnvironment } = useStore.getState();
  const [dirty, setDirty] = useState(false);
  const [newName, setNewName] = useState('');
  const [confirmDialog, ask] = useConfirm();
  const asking = confirmDialog !== null;
  // The open form's save, so "Save" in the leave dialog saves exactly what the user sees.
  const saveForm = useRef<(() => Promise<boolean>) | null>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent): void => {
      // Escape in the leave dialog answers that dialog, not this one.
      if (e.key === 'Escape' && !e.defaultPrevented && !asking) void leave(closeManager);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!open) return null;
  // Opened before environments finished loading (or the chosen one was deleted elsewhere): show
  // the active one rather than an empty form.
  const selected =
    state.environments.find((e) => e.id === selectedId) ?? state.environments.find((e) => e.id === state.activeId) ?? state.environments[0] ?? null;

  /** Runs `then` once the open environment has no unsaved changes: asks Save / Discard / Cancel first when it has. */
  async function leave(then: () => unknown): Promise<void> {
    if (!dirty) {
      await then();
      return;
    }
    const choice = await ask({
      title: 'Unsaved changes',
      message: <p>“{displayText(selected?.name ?? 'This environment')}” has unsaved changes. Save them before leaving?</p>,
      choices: [
        { value: 'discard', label: 'Discard', kind: 'danger' },
        { value: 'save', label: 'Save', kind: 'primary' },
      ],
      focus: 'save',
    });
    if (choice === 'cancel') return;
    if (choice === 'save' && !(await (saveForm.current?.() ?? Promise.resolve(false)))) return;
    setDirty(false);
    await then();
  }

  const create = async (): Promise<void> => {
    const name = newName.trim() || 'New environment';
    let go = false;
    await leave(() => {
      go = true;
    });
    if (!go) return;
    const env = await createEnvironment(name);
    if (env) {
      setNewName('');
      selectInManager(env.id);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && void leave(closeManager)}>
      <div className="modal env-manager" role="dialog" aria-modal="true" aria-label="Environments">
        <header className="modal-header">
          <h2>Environments</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => void leave(closeManager)}>
            ×
          </button>
        </header>
        <div className="env-manager-body">
          <nav className="env-list" aria-label="Environment list">
            <form
              className="env-new"
              onSubmit={(e) => {
                e.preventDefault();
                void create();
              }}
            >
              <input
                type="text"
                aria-label="New environment name"
                placeholder="New environment name"
                value={newName}
                onChange={(e) => setNewName(e.target.value)}
              />
              <button type="submit" className="button primary small">
                Create
              </button>
            </form>
            <ul>
              {state.environments.map((env) => (
                <li key={env.id}>
                  <button
                    type="button"
                    className={env.id === selected?.id ? 'env-item selected' : 'env-item'}
                    aria-current={env.id === selected?.id}
                    onClick={() => env.id !== selected?.id && void leave(() => selectInManager(env.id))}
                  >
                    <span className={`region-dot region-${env.region}`} />
                    <span className="env-name">{displayText(env.name)}</span>
                    {env.id === state.activeId && <span className="pill">active</span>}
                  </button>
                </li>
              ))}
              {state.environments.length === 0 && <li className="empty-hint">No environments yet. Name one above and press Create.</li>}
            </ul>
            {state.problems.length > 0 && (
              <div className="banner error" role="alert">
                {state.problems.map((p) => (
                  <p key={p.file}>{p.message}</p>
                ))}
              </div>
            )}
          </nav>
          {selected ? (
            <EnvironmentForm
              key={selected.id}
              environment={selected}
              isActive={selected.id === state.activeId}
              onDirty={setDirty}
              registerSave={(save) => {
                saveForm.current = save;
              }}
              onActivate={() => void setActiveEnvironment(selected.id)}
              onDuplicate={() =>
                leave(async () => {
                  const copy = await duplicateEnvironment(selected.id);
                  if (copy) selectInManager(copy.id);
                })
              }
              onDelete={async () => {
                const choice = await ask({
                  title: 'Delete environment?',
                  message: <p>Delete the environment “{displayText(selected.name)}”? Its file is removed from disk, and its secrets from the keychain.</p>,
                  choices: [{ value: 'delete', label: 'Delete', kind: 'danger' }],
                });
                if (choice !== 'delete') return;
                setDirty(false);
                await deleteEnvironment(selected.id);
                selectInManager(null);
              }}
            />
          ) : (
            <div className="env-form empty-hint">Create an environment, or pick one from the list.</div>
          )}
        </div>
        {confirmDialog}
      </div>
    </div>
  );
}

interface FormProps {
  environment: Environment;
  isActive: boolean;
  onDirty: (dirty: boolean) => void;
  /** Hands the manager this form's save (true once saved), for the Save choice of its leave dialog. */
  registerSave: (save: () => Promise<boolean>) => void;
  onActivate: () => void;
  onDuplicate: () => Promise<void>;
  onDelete: () => Promise<void>;
}

function EnvironmentForm({ environment, isActive, onDirty, registerSave, onActivate, onDuplicate, onDelete }: FormProps) {
  const [draft, setDraft] = useState<Environment>(environment);
  // The environment the draft was made from: when it changes elsewhere, the fields not edited here follow it.
  const [base, setBase] = useState<Environment>(environment);
  if (base !== environment) {
    setBase(environment);
    setDraft((d) => rebaseDraft(d, base, environment));
  }
  const [saving, setSaving] = useState(false);
  const save = useStore((s) => s.saveEnvironment);
  const dirty = JSON.stringify(draft) !== JSON.stringify(environment);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const problems = useMemo(() => {
    const result = EnvironmentSchema.safeParse(draft);
    const byPath = new Map<string, string>();
    if (!result.success) for (const issue of result.error.issues) byPath.set(issue.path.join('.'), issue.message);
    return byPath;
  }, [draft]);
  const variableErrors: Record<number, string> = {};
  for (const [path, message] of problems) {
    const match = /^variables\.(\d+)\.key$/.exec(path);
    if (match) variableErrors[Number(match[1])] = message;
  }
  const sandbox = useStore((s) => s.sandbox);
  const scope = useMemo(() => buildScope(draft, sandbox.urls), [draft, sandbox.urls]);
  const hosts = environmentHosts(draft, sandbox.urls);
  const set = <K extends keyof Environment>(key: K, value: Environment[K]): void => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (): Promise<boolean> => {
    if (!dirty) return true;
    if (problems.size > 0) return false;
    setSaving(true);
    const saved = await save(draft);
    setSaving(false);
    if (saved) setDraft(saved);
    return saved !== undefined;
  };
  useEffect(() => registerSave(submit));

  return (
    <form
      className="env-form"
      aria-label={`Environment ${environment.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <div className="env-form-actions">
        <h3>
          {draft.name || 'Untitled'}
          {dirty && <span className="dirty-dot" title="Unsaved changes" aria-label="Unsaved changes" />}
        </h3>
        <span className="spacer" />
        {!isActive && (
          <button type="button" className="button small" onClick={onActivate} disabled={dirty}>
            Use this environment
          </button>
        )}
        <button type="button" className="button small" onClick={() => void onDuplicate()}>
          Duplicate
        </button>
        <button
          type="button"
          className="button small"
          title="Download as a Postman environment file (secret values left empty)"
          onClick={() => void useStore.getState().exportEnvironmentPostman(environment.id)}
          disabled={dirty}
        >
          Export for Postman
        </button>
        <button type="button" className="button small danger" onClick={() => void onDelete()}>
          Delete
        </button>
        <button type="submit" className="button primary small" disabled={!dirty || problems.size > 0 || saving} title="Save (Ctrl+S)">
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <label className="field">
        <span>Name</span>
        <input type="text" aria-label="Environment name" value={draft.name} onChange={(e) => set('name', e.target.value)} />
        {problems.get('name') && <span className="field-error">{problems.get('name')}</span>}
      </label>
      <label className="field">
        <span>Region</span>
        <select
          aria-label="Region"
          value={draft.region}
          onChange={(e) => {
            const region = e.target.value as RegionChoice;
            // The sandbox serves one demo project: fill it in rather than make the user look it up.
            setDraft((d) => ({ ...d, region, projectId: region === 'sandbox' && d.projectId.trim() === '' ? sandbox.demo.projectId : d.projectId }));
          }}
        >
          {REGION_CHOICES.map((r) => (
            <option key={r} value={r}>
              {REGION_LABELS[r]}
            </option>
          ))}
        </select>
        {draft.region === 'sandbox' && (
          <span className="muted small">
            The built-in sandbox simulates the Conversation API on this computer: no Sinch account needed. Requests are authenticated with its demo key (
            {sandbox.demo.keyId}).
            {!sandbox.running && ' It starts when you save and use this environment.'}
          </span>
        )}
      </label>
      {draft.region === 'custom' && (
        <>
          <label className="field">
            <span>Conversation base URL</span>
            <input
              type="text"
              aria-label="Custom base URL"
              placeholder="https://…"
              value={draft.customBaseUrl}
              onChange={(e) => set('customBaseUrl', e.target.value)}
            />
            {problems.get('customBaseUrl') && <span className="field-error">{problems.get('customBaseUrl')}</span>}
          </label>
          <label className="field">
            <span>Template base URL</span>
            <input
              type="text"
              aria-label="Custom template URL"
              placeholder="(same as the base URL)"
              value={draft.customTemplateUrl}
              onChange={(e) => set('customTemplateUrl', e.target.value)}
            />
            {problems.get('customTemplateUrl') && <span className="field-error">{problems.get('customTemplateUrl')}</span>}
          </label>
        </>
      )}
      <p className="hosts muted" data-testid="env-hosts">
        <code>{'{{base_url}}'}</code> = {hosts.conversation || '(not set)'} · <code>{'{{template_base_url}}'}</code> = {hosts.template || '(not set)'}
      </p>
      <div className="field-row">
        <label className="field">
          <span>Project ID</span>
          <input type="text" aria-label="Project ID" placeholder="{{project_id}}" value={draft.projectId} onChange={(e) => set('projectId', e.target.value)} />
        </label>
        <label className="field">
          <span>App ID</span>
          <input type="text" aria-label="App ID" placeholder="{{app_id}}" value={draft.appId} onChange={(e) => set('appId', e.target.value)} />
        </label>
      </div>
      <AccessKeys environment={draft} saved={environment} onChange={(auth) => set('auth', auth)} />
      <h4>Variables</h4>
      <p className="muted small">
        Use them as <code>{'{{name}}'}</code> in URLs, params, headers and bodies. Reserved names: {RESERVED_VARIABLES.join(', ')}. The padlock keeps a value (a
        token, a webhook secret) in the OS keychain instead of the environment file.
      </p>
      <KeyValueTable
        name="Variables"
        rows={draft.variables}
        onChange={(rows) => set('variables', rows)}
        scope={scope}
        keyLabel="Variable"
        valueLabel="Value"
        keyPlaceholder="Add a variable"
        errors={variableErrors}
        allowSecrets
      />
    </form>
  );
}
