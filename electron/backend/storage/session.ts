import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { KeyValue } from '../../../shared/model/keyValue';
import { SessionSchema, type Session, type SessionLoad, type SessionTab } from '../../../shared/model/session';
import { holdsLiteralValue, isSecretName } from '../../../shared/formats/secrets';
import { toJsonFile, writeFileAtomic } from './atomicFile';
import { fileExists, readVersionedJson } from './jsonFile';
import { SerialQueue } from './serialQueue';

export const SESSION_FORMAT = 'sinch-explorer/session';
export const SESSION_FORMAT_VERSION = 1;

type Draft = NonNullable<SessionTab['draft']>;

/** Blanks the values of secret rows; returns the rows and what was blanked, in words. */
function blankRows(rows: readonly KeyValue[], what: string, isSecret: (row: KeyValue) => boolean, notKept: string[]): KeyValue[] {
  return rows.map((row) => {
    if (!isSecret(row) || row.value === '') return row;
    notKept.push(`${what} ${row.key || '(unnamed)'}`);
    return { ...row, value: '' };
  });
}

const QUERY_PAIR = /(^|[?&])([^=&#?\s]+)=([^&#\s]*)/g;

function blankQueryPairs(text: string, notKept: string[] | null, what: string): string {
  return text.replace(QUERY_PAIR, (whole, lead: string, name: string, value: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* keep the raw name */
    }
    if (!isSecretName(decoded) || !holdsLiteralValue(decodeSafely(value))) return whole;
    notKept?.push(`${what} ${decoded}`);
    return `${lead}${name}=`;
  });
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** `"password": "…"` members with literal values, found without parsing (a draft body may be broken JSON). */
const JSON_MEMBER = /("([^"\\]{1,200})"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

function blankJsonMembers(text: string, notKept: string[]): string {
  return text.replace(JSON_MEMBER, (whole, lead: string, name: string, value: string) => {
    if (!isSecretName(name) || !holdsLiteralValue(value)) return whole;
    notKept.push(`body field "${name}"`);
    return `${lead}""`;
  });
}

/**
 * A draft as it may be written: the values of secret-named headers and query parameters (Authorization,
 * X-API-Key, api_key…), of padlocked or secret-named variables, and of secret-named members of the body are
 * blanked; `{{variable}}` references hold no secret and stay. The names of what was blanked are added to
 * `notKept`, so the restored tab can say what to enter again.
 */
export function redactDraft(draft: Draft, notKept: string[]): Draft {
  const literalSecret = (row: KeyValue): boolean => (row.secret === true || isSecretName(row.key)) && holdsLiteralValue(row.value);
  const headers = blankRows(draft.headers, 'header', literalSecret, notKept);
  const params = blankRows(draft.params, 'query parameter', literalSecret, notKept);
  const variables = blankRows(draft.variables, 'variable', (row) => row.secret === true || literalSecret(row), notKept);
  // The URL carries the enabled query parameters too: blank the same values there (already named above).
  const [base = '', ...rest] = draft.url.split('?');
  const url = rest.length > 0 ? `${base}?${blankQueryPairs(rest.join('?'), null, 'query parameter')}` : draft.url;
  let text = draft.body.text;
  if (draft.body.mode === 'json') text = blankJsonMembers(text, notKept);
  else if (draft.body.mode === 'text') text = blankQueryPairs(blankJsonMembers(text, notKept), notKept, 'body field');
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
