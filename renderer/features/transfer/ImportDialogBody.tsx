import { useState } from 'react';
import { IMPORT_FORMATS, acceptedFileTypes, describeFormats } from '../../../shared/formats/registry';
import type { ImportNote, ImportOutcome, VariableBinding } from '../../../shared/formats/report';
import type { BindingTarget } from '../../../shared/formats/sinchVariables';
import { displayText } from '../../../shared/displayText';
import { Dialog } from '../../ui/Dialog';
import { useStore } from '../../store';

/** What the dialog says it accepts, and what its file chooser offers: the import formats' registry. */
const FORMATS = describeFormats(IMPORT_FORMATS, 'or');
const FORMATS_TEXT = `${FORMATS.charAt(0).toUpperCase()}${FORMATS.slice(1)}. Nothing is written unless all of it can be.`;
const ACCEPT = acceptedFileTypes(IMPORT_FORMATS);

/**
 * The Import dialog's body, loaded when Import… first opens (./ImportDialog.tsx): it lists the registry's
 * formats, and the registry brings every converter with it, which the page need not load to start.
 *
 * Import…: choose or drop a file in one of the import formats (shared/formats/registry.ts), or
 * paste its text (a file's JSON, a curl command). Afterwards it shows what was converted and what
 * was not, per request, and offers the secrets the file held for an environment's keychain.
 */
export default function ImportDialogBody() {
  const state = useStore((s) => s.importState);
  const closeDialog = useStore((s) => s.closeDialog);
  const [pasted, setPasted] = useState('');
  const [name, setName] = useState('');
  const { importFile, importText } = useStore.getState();
  const busy = state.phase === 'busy';
  const close = (): void => {
    setPasted('');
    setName('');
    closeDialog('import');
  };
  return (
    <Dialog label="Import" title="Import" onClose={close} className="import-dialog">
      {state.phase !== 'done' && (
        <div className="import-form">
          <p className="muted small">{FORMATS_TEXT}</p>
          <label className="button import-file">
            Choose a file…
            <input
              type="file"
              accept={ACCEPT}
              aria-label="Choose a file to import"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void importFile(file, name.trim() || undefined);
              }}
            />
          </label>
          <label className="field">
            <span>…or paste a file's JSON or a curl command</span>
            <textarea
              aria-label="Text to import"
              rows={6}
              value={pasted}
              spellCheck={false}
              onChange={(e) => setPasted(e.target.value)}
              placeholder='curl https://us.conversation.api.sinch.com/…   or   { "info": { … }, "item": [ … ] }'
            />
          </label>
          <label className="field">
            <span>Import as (optional: a name for the collection or environment)</span>
            <input type="text" aria-label="Import as" value={name} onChange={(e) => setName(e.target.value)} placeholder="The name in the file" />
          </label>
          <div className="modal-actions">
            <button
              type="button"
              className="button primary"
              disabled={busy || pasted.trim() === ''}
              onClick={() => void importText(pasted, 'pasted text', name.trim() || undefined)}
            >
              {busy ? 'Importing…' : 'Import pasted text'}
            </button>
          </div>
        </div>
      )}
      {state.phase === 'error' && state.error && (
        <div className="banner error" role="alert" data-testid="import-error">
          <strong>Nothing was imported.</strong> {displayText(state.error)}
        </div>
      )}
      {state.phase === 'done' && state.outcome && (
        <ImportReportView
          outcome={state.outcome}
          stored={state.storedSecrets}
          bound={state.boundVariables}
          pastedIntoRequest={state.pastedIntoRequest}
          onClose={close}
        />
      )}
    </Dialog>
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function summary(outcome: ImportOutcome, pastedIntoRequest: boolean): string {
  const c = outcome.created;
  if (c.kind === 'collection') return `Imported ${outcome.report.source} as the collection “${displayText(c.name)}”.`;
  if (c.kind === 'environment') return `Imported ${outcome.report.source} as the environment “${displayText(c.name)}”.`;
  if (c.kind === 'globals') return `Imported ${c.count} global variable${c.count === 1 ? '' : 's'}.`;
  if (pastedIntoRequest)
    return `Read the pasted curl command into the open ${c.request.method} request. It held credentials: the request reads them from the placeholders below.`;
  return `Opened the curl command as a new ${c.request.method} request (not saved yet: Ctrl/Cmd+S saves it).`;
}

function ImportReportView({
  outcome,
  stored,
  bound,
  pastedIntoRequest,
  onClose,
}: {
  outcome: ImportOutcome;
  stored: string[] | null;
  bound: string[] | null;
  pastedIntoRequest: boolean;
  onClose: () => void;
}) {
  const { report } = outcome;
  const c = report.counts;
  const groups = new Map<string, ImportNote[]>();
  for (const note of report.notes) groups.set(note.path, [...(groups.get(note.path) ?? []), note]);
  const skipped = report.notes.filter((n) => n.level === 'skipped').length;
  return (
    <div className="import-report" data-testid="import-report">
      <p className="banner ok" role="status">
        {summary(outcome, pastedIntoRequest)}
      </p>
      {outcome.created.kind === 'collection' && (
        <p className="small">
          {count(c.requests, 'request')} in {count(c.folders, 'folder')}, {count(c.variables, 'collection variable')}, {count(c.captures, 'capture')} from test
          scripts, {count(c.examples, 'example response')}
          {c.scripts > 0 ? `, ${count(c.scripts, 'script')} kept as text (not run)` : ''}.
        </p>
      )}
      {report.notes.length > 0 && (
        <section aria-label="What was converted">
          <h3 className="small">What was converted{skipped > 0 ? ` and what was not (${skipped})` : ''}</h3>
          <ul className="import-notes">
            {[...groups].map(([path, notes]) => (
              <li key={path || '(file)'}>
                <strong>{path ? displayText(path) : 'The file'}</strong>
                <ul>
                  {notes.map((n, i) => (
                    <li key={i} className={`note-${n.level}`}>
                      <span aria-hidden="true">{n.level === 'converted' ? '↻ ' : '⚠ '}</span>
                      <span className="visually-hidden">{n.level === 'converted' ? 'Converted: ' : 'Not carried over: '}</span>
                      {displayText(n.message)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
      {outcome.created.kind === 'collection' && report.bindings && report.bindings.length > 0 && <BindingsOffer bindings={report.bindings} bound={bound} />}
      {(report.secrets.length > 0 || report.accessKey) && <SecretsOffer outcome={outcome} stored={stored} />}
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}

/**
 * "Bind to the environment": the collection's Sinch-named variables (`{{PROJECT_ID}}`, `{{BASE_URL}}`…),
 * each to become a reference to the environment's own, so its requests go where the active
 * environment points (a region, or the sandbox). The access key's parts are listed apart: the
 * access key (offered below) stands for them.
 */
function BindingsOffer({ bindings, bound }: { bindings: VariableBinding[]; bound: string[] | null }) {
  const bindable = bindings.filter((b): b is VariableBinding & { target: BindingTarget } => b.target !== 'access-key');
  const accessKey = bindings.filter((b) => b.target === 'access-key');
  const [chosen, setChosen] = useState<string[]>(bindable.filter((b) => b.suggested).map((b) => b.variable));
  if (bound) {
    return (
      <p className="banner ok small" role="status">
        Bound to the environment: {bound.map((name) => `{{${displayText(name)}}}`).join(', ')}. Its requests now use the active environment's values.
      </p>
    );
  }
  return (
    <section className="import-bindings" aria-label="Bind to the environment">
      <h3 className="small">Bind to the environment</h3>
      <p className="small muted">
        This collection names the environment's values its own way. Bound, each becomes a reference to the environment's (for example{' '}
        {'{{PROJECT_ID}} = {{project_id}}'}), so its requests go to the active environment's region or sandbox at once.
      </p>
      {bindable.map((b) => (
        <label key={b.variable} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(b.variable)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, b.variable] : chosen.filter((v) => v !== b.variable))}
          />
          <span>
            {`{{${displayText(b.variable)}}} → {{${b.target}}}`}, {b.label}
            <span className="muted">
              {' '}
              ({b.empty ? 'no value in the file' : 'replaces the value in the file'}
              {b.uses > 0 ? `; used by ${b.uses} request${b.uses === 1 ? '' : 's'}` : ''})
            </span>
          </span>
        </label>
      ))}
      {accessKey.length > 0 && (
        <p className="small">
          {accessKey.map((b) => `{{${displayText(b.variable)}}}`).join(', ')}: {accessKey[0]?.label}.
        </p>
      )}
      {bindable.length > 0 && (
        <button
          type="button"
          className="button"
          disabled={chosen.length === 0}
          onClick={() =>
            void useStore
              .getState()
              .bindImportVariables(bindable.filter((b) => chosen.includes(b.variable)).map((b) => ({ variable: b.variable, target: b.target })))
          }
        >
          Bind {chosen.length} variable{chosen.length === 1 ? '' : 's'}
        </button>
      )}
    </section>
  );
}

function SecretsOffer({ outcome, stored }: { outcome: ImportOutcome; stored: string[] | null }) {
  const environments = useStore((s) => s.environments.environments);
  const activeId = useStore((s) => s.environments.activeId);
  const [environmentId, setEnvironmentId] = useState(activeId ?? environments[0]?.id ?? '');
  const [chosen, setChosen] = useState<string[]>(outcome.report.secrets.map((s) => s.id));
  const [applyAccessKey, setApplyAccessKey] = useState(outcome.report.accessKey !== null);
  const { report } = outcome;
  if (stored) {
    return (
      <p className="banner ok small" role="status">
        Stored in the keychain: {stored.length > 0 ? stored.join(', ') : 'nothing'}
        {applyAccessKey && report.accessKey ? '; the access key settings were applied' : ''}.
      </p>
    );
  }
  return (
    <section className="import-secrets" aria-label="Secrets found in the file">
      <h3 className="small">
        {report.secrets.length === 0
          ? "The collection's authentication"
          : report.kind === 'curl'
            ? 'Credentials found in the command'
            : 'Credentials found in the file'}
      </h3>
      {report.secrets.length > 0 && (
        <p className="small muted">
          {report.kind === 'curl'
            ? 'They are not in the request: it reads them from these placeholders.'
            : 'They were not saved with the collection: its requests read them from these placeholders.'}{' '}
          Put them in an environment's keychain entries (padlocked variables, or the access key's secret), or leave them out.
        </p>
      )}
      {report.secrets.map((s) => (
        <label key={s.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(s.id)}
            onChange={(e) => setChosen(e.target.checked ? [...chosen, s.id] : chosen.filter((id) => id !== s.id))}
          />
          {displayText(s.label)} → {s.target.kind === 'access-key-secret' ? 'access key secret' : `padlocked variable {{${s.target.name}}}`}
        </label>
      ))}
      {report.accessKey && (
        <label className="checkbox">
          <input type="checkbox" checked={applyAccessKey} onChange={(e) => setApplyAccessKey(e.target.checked)} />
          Use the collection's auth as the environment's access key ({report.accessKey.mode === 'basic' ? 'Basic' : 'OAuth2 client credentials'}
          {report.accessKey.keyId ? `, key id ${displayText(report.accessKey.keyId)}` : ''})
        </label>
      )}
      {environments.length === 0 ? (
        <p className="small">Create an environment first (Environments, top right), then import again to store them.</p>
      ) : (
        <div className="row">
          <select aria-label="Environment for the secrets" value={environmentId} onChange={(e) => setEnvironmentId(e.target.value)}>
            {environments.map((e) => (
              <option key={e.id} value={e.id}>
                {displayText(e.name)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            disabled={environmentId === '' || (chosen.length === 0 && !applyAccessKey)}
            onClick={() => void useStore.getState().storeImportSecrets(environmentId, chosen, applyAccessKey)}
          >
            {report.secrets.length > 0 ? 'Store in the keychain' : 'Apply to the environment'}
          </button>
        </div>
      )}
    </section>
  );
}
