import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { KeyValue } from '../../../shared/model/keyValue';
import { SessionSchema, type Session, type SessionLoad, type SessionTab } from '../../../shared/model/session';
import { replaceBodySecrets, replaceRowSecrets, replaceUrlSecrets, type LiteralSecret } from '../../../shared/formats/literalSecrets';
import { holdsLiteralValue, isSecretName } from '../../../shared/formats/secrets';
import { toJsonFile, writeFileAtomic } from './atomicFile';
import { fileExists, readVersionedJson } from './jsonFile';
import { SerialQueue } from './serialQueue';

export const SESSION_FORMAT = 'sinch-explorer/session';
export const SESSION_FORMAT_VERSION = 1;

type Draft = NonNullable<SessionTab['draft']>;

/**
 * A draft as it may be written: the values of secret-named headers and query parameters (Authorization,
 * X-API-Key, api_key…), of padlocked or secret-named variables, of a URL's password and of secret-named
 * members of the body are blanked (shared/formats/literalSecrets decides what is a literal secret, for the
 * importers too); `{{variable}}` references hold no secret and stay. The names of what was blanked are added to
 * `notKept`, so the restored tab can say what to enter again.
 */
export function redactDraft(draft: Draft, notKept: string[]): Draft {
  const blank = (secret: LiteralSecret): string => {
    const name = secret.name || '(unnamed)';
    notKept.push(secret.place === 'body field' ? `body field "${name}"` : `${secret.place} ${name}`);
    return '';
  };
  const literalSecret = (row: KeyValue): boolean => (row.secret === true || isSecretName(row.key)) && holdsLiteralValue(row.value);
  const headers = replaceRowSecrets(draft.headers, 'header', blank, literalSecret);
  const params = replaceRowSecrets(draft.params, 'query parameter', blank, literalSecret);
  const variables = replaceRowSecrets(draft.variables, 'variable', blank, (row) => row.secret === true || literalSecret(row));
  // The URL carries the enabled query parameters too: blank the same values there (already named above).
  const url = replaceUrlSecrets(draft.url, (secret) => (secret.place === 'query parameter' ? '' : blank(secret)));
  const text = replaceBodySecrets(draft.body, blank);
  return { ...draft, url, headers, params, variables, body: { ...draft.body, text } };
}

/** Every tab's draft redacted; the names of what was left out merged into the tab's own list. */
export function redactSession(session: Session): Session {
  return {
    activeTabId: session.activeTabId,
    tabs: session.tabs.map((tab) => {
      if (!tab.draft) return tab;
      const notKept: string[] = [];
      const draft = redactDraft(tab.draft, notKept);
      return { ...tab, draft, notKept: [...new Set([...tab.notKept, ...notKept])].slice(0, 500) };
    }),
  };
}

/**
 * The open tabs and unsaved drafts, in `<dataDir>/session.json`: written atomically, one write at a time, never
 * with a secret value in it. A file that cannot be used is set aside (never silently overwritten) and the user told.
 */
export class SessionStore {
  private readonly path: string;
  private readonly queue = new SerialQueue();

  constructor(dataDir: string) {
    this.path = join(dataDir, 'session.json');
  }

  get file(): string {
    return this.path;
  }

  async load(): Promise<SessionLoad> {
    if (!(await fileExists(this.path))) return { session: null, notice: null };
    const read = await readVersionedJson(this.path, SESSION_FORMAT, SESSION_FORMAT_VERSION, SessionSchema, (f) => f.session);
    if (read.ok) return { session: redactSession(read.value), notice: null };
    const aside = join(dirname(this.path), `${basename(this.path, '.json')}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    const moved = await rename(this.path, aside).then(
      () => true,
      () => false,
    );
    return {
      session: null,
      notice: `Your open tabs from the last run could not be restored: ${this.path} ${read.message} ${moved ? `It was set aside as ${aside}.` : 'It will be replaced when the tabs change.'}`,
    };
  }

  async save(session: Session): Promise<void> {
    const safe = redactSession(session);
    await this.queue.run(() => writeFileAtomic(this.path, toJsonFile({ format: SESSION_FORMAT, version: SESSION_FORMAT_VERSION, session: safe })));
  }
}
