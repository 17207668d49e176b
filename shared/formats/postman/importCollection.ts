/**
 * Postman collection (v2.1 JSON, normalised by the backend with `postman-collection`) → our
 * collection tree, plus a report of what was converted and what was not, per request. Pure.
 *
 * Secrets: a literal value in an auth block or a secret-named variable is taken out of the tree
 * (replaced by a `{{placeholder}}` or the access key) and returned apart, to be offered for the
 * keychain. Nothing secret is in `tree`, so whatever writes the tree cannot write a secret.
 */
import { isForbiddenKey } from '../../safeObject';
import type { Capture, CollectionTree, ExampleResponse, RequestTemplate, TreeItem } from '../../model/collection';
import { HTTP_METHODS, type HttpMethod } from '../../model/httpRequest';
import type { KeyValue } from '../../model/keyValue';
import {
  Placeholders,
  isLiteralSecret,
  placeholderFor,
  placeholderName,
  replaceBodySecrets,
  replaceRowSecrets,
  replaceUrlSecrets,
  type LiteralSecret,
  type SecretReplacer,
} from '../literalSecrets';
import { holdsLiteralValue, isSecretName } from '../secrets';
import { parseQuery, splitUrl } from '../../queryParams';
import type { CollectionAuth, CollectionImport, SecretValue } from '../importFormat';
import { emptyCounts, type ImportNote, type ImportReport, type SecretOffer, type SecretTarget } from '../report';
import { kindOf } from './guard';
import { findBindings } from '../sinchVariables';
import { readTestScript, readTokenScript, type TokenScript } from './scripts';
import type { PostmanAuth, PostmanCollection, PostmanEvent, PostmanItem, PostmanKeyValue, PostmanRequest, PostmanVariable } from './types';

const LIMIT_DESCRIPTION = 4000;

/** Text of a Postman description (a string or `{ content }`). */
export function descriptionText(d: unknown): string {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object' && 'content' in d && typeof d.content === 'string') return d.content;
  return '';
}

function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function authValue(auth: PostmanAuth, key: string): string {
  const attrs = auth[auth.type];
  if (!Array.isArray(attrs)) return '';
  return str(attrs.find((a) => a.key === key)?.value);
}

function scriptText(events: readonly PostmanEvent[] | undefined, listen: 'prerequest' | 'test'): string {
  const event = (events ?? []).find((e) => e.listen === listen && !e.disabled);
  const exec = event?.script?.exec;
  const text = Array.isArray(exec) ? exec.join('\n') : typeof exec === 'string' ? exec : '';
  return text.trim() === '' ? '' : text;
}

/**
 * Key-value rows (headers, form fields). A row whose key is not text is left out; with `said`, the
 * report says which one (`what` names the list: "header", "form field").
 */
function rows(list: readonly PostmanKeyValue[] | string | undefined | null, said?: { c: Converter; where: string; what: string }): KeyValue[] {
  if (!Array.isArray(list)) return [];
  const out: KeyValue[] = [];
  (list as readonly unknown[]).forEach((raw, i) => {
    const h = raw as PostmanKeyValue | null;
    if (h !== null && typeof h === 'object' && typeof h.key === 'string') {
      // An empty row (what the library makes of a row that is not an object) is nothing to keep.
      if (h.key !== '' || str(h.value) !== '') out.push({ key: h.key, value: str(h.value), enabled: h.disabled !== true });
    } else
      said?.c.note(
        said.where,
        'skipped',
        `${said.what.charAt(0).toUpperCase()}${said.what.slice(1)} ${i + 1} has ${h !== null && typeof h === 'object' ? `a key that is ${kindOf(h.key)}` : `no key (it is ${kindOf(h)})`}, not text: it was left out.`,
      );
  });
  return out;
}

/** As many as `transfer.storeSecrets` takes in one call; more are still replaced, and the report says so. */
const MAX_OFFERS = 200;
/** Servers refuse a request whose headers pass 8–16 KB: a larger header value is a mistake, not a header. */
const MAX_HEADER_VALUE = 16 * 1024;
const MAX_HEADERS = 500;
const MAX_EXAMPLE_BODY = 1024 * 1024;
const MAX_VARIABLE_VALUE = 64 * 1024;

/** More literal secrets than this is not a collection someone works with: the import is refused before it takes seconds. */
export const MAX_SECRETS = 10_000;

export class TooManySecretsError extends Error {
  constructor() {
    super(`it holds more than ${MAX_SECRETS.toLocaleString('en-US')} literal secrets (passwords, tokens, keys)`);
  }
}

class Converter {
  readonly notes: ImportNote[] = [];
  readonly offers: SecretOffer[] = [];
  readonly secretValues: SecretValue[] = [];
  readonly counts = emptyCounts();
  /** Secrets replaced by a placeholder but not offered (past MAX_OFFERS). */
  unoffered = 0;
  /** Every literal secret taken out so far, the same one found twice counted twice. */
  private secretsFound = 0;
  private nextId = 0;
  /** Ids taken so far, so two Postman items with the same id do not collide. */
  private readonly ids = new Set<string>();
  /** Offers by target and value: the same secret found twice is offered once. */
  private readonly offered = new Set<string>();
  /** Placeholder names given so far, with the value each stands for: two values never share one. */
  private readonly placeholders = new Placeholders();
  /** The variable a recognised token script stores its token in (its `{{uses}}` become the access key). */
  tokenVariable: string | null = null;
  /** setNextRequest targets by request id (a Postman name or id, as written). */
  readonly next = new Map<string, string | null>();
  /** Postman id or name → our request id, for following setNextRequest. */
  readonly byPostmanRef = new Map<string, string>();

  note(path: string, level: ImportNote['level'], message: string): void {
    this.notes.push({ path, level, message });
  }

  offer(label: string, target: SecretTarget, value: string): void {
    if (++this.secretsFound > MAX_SECRETS) throw new TooManySecretsError();
    const key = `${target.kind === 'variable' ? `v:${target.name}` : 'access-key'}\u0000${value}`;
    if (this.offered.has(key)) return;
    this.offered.add(key);
    if (this.offers.length >= MAX_OFFERS) {
      this.unoffered++;
      return;
    }
    const id = `secret-${this.offers.length + 1}`;
    this.offers.push({ id, label, target });
    this.secretValues.push({ id, value });
  }

  /** `wanted`, or `wanted_2`, `wanted_3`… when `wanted` already stands for another value. */
  placeholder(wanted: string, value: string): string {
    return this.placeholders.name(wanted, value);
  }

  id(wanted: string | undefined, fallback: string): string {
    let id = wanted && wanted.length <= 128 && !isForbiddenKey(wanted) ? wanted : `${fallback}-${++this.nextId}`;
    while (this.ids.has(id)) id = `${fallback}-${++this.nextId}`;
    this.ids.add(id);
    return id;
  }
}

/** The secret-free form of a value: kept when it is only `{{variables}}`, else a placeholder (and the value offered). */
function hideSecret(c: Converter, value: string, placeholder: string, label: string): string {
  if (!holdsLiteralValue(value)) return value;
  const name = c.placeholder(placeholder, value);
  c.offer(label, { kind: 'variable', name }, value);
  return `{{${name}}}`;
}

const PLACE_WORDS: Record<LiteralSecret['place'], string> = {
  header: 'header',
  'query parameter': 'query parameter',
  'body field': 'body field',
  'form field': 'form field',
  variable: 'variable',
  'URL password': 'the password in the URL',
  'URL user name': 'the token in the URL (its user name)',
};

/**
 * What replaces the literal secrets of one part of a request (`what`: "", "example \"Created\"") by
 * placeholders, offering each for the keychain; `done()` adds one note listing them, if any.
 */
function secretHider(c: Converter, where: string, what = ''): { replace: SecretReplacer; done(): void } {
  // A Set: a body may hold thousands of them, and a list's includes() made that quadratic.
  const replaced = new Set<string>();
  const replace: SecretReplacer = (secret) => {
    const name = c.placeholder(placeholderFor(secret), secret.value);
    // A name is shown as written (never capitalised: `api_key` is not `Api_key`); the URL's parts have none.
    const inUrl = secret.place === 'URL password' || secret.place === 'URL user name';
    const described = inUrl ? PLACE_WORDS[secret.place] : `${secret.name} ${PLACE_WORDS[secret.place]}`;
    c.offer(`${inUrl ? `T${described.slice(1)}` : described}${what ? ` of ${what}` : ''} ("${where}")`, { kind: 'variable', name }, secret.value);
    const entry = `${inUrl ? '' : 'the '}${described} → {{${name}}}`;
    replaced.add(entry);
    return `${secret.scheme}{{${name}}}`;
  };
  return {
    replace,
    done() {
      if (replaced.size === 0) return;
      c.note(
        where,
        'converted',
        `Literal secrets${what ? ` in ${what}` : ''} were replaced by placeholders (their values are offered for the keychain, not saved): ${[...replaced].slice(0, 20).join(', ')}${replaced.size > 20 ? ` and ${replaced.size - 20} more` : ''}.`,
      );
    },
  };
}

export function importPostmanCollection(collection: PostmanCollection, source: string): CollectionImport {
  const c = new Converter();
  const name = str(collection.info.name).trim().slice(0, 200) || 'Imported collection';
  const variables = importVariables(c, collection.variable ?? [], '');
  const rootPre = scriptText(collection.event, 'prerequest');
  const rootTest = scriptText(collection.event, 'test');
  let auth: CollectionAuth = { kind: 'none' };
  let accessKey: ImportReport['accessKey'] = null;
  const tokenScript = rootPre ? readTokenScript(rootPre) : null;
  if (tokenScript) {
    c.tokenVariable = tokenScript.tokenVariable;
    auth = accessKeyFrom(c, tokenScript, 'collection pre-request script');
    accessKey = {
      mode: 'oauth2',
      tokenUrl: holdsLiteralValue(tokenScript.tokenUrl) ? tokenScript.tokenUrl : '',
      keyId: holdsLiteralValue(tokenScript.keyId) ? tokenScript.keyId : '',
    };
    c.note(
      '',
      'converted',
      `The collection's pre-request script fetches an OAuth2 token: it is replaced by the environment's access key (OAuth2 client credentials; token URL ${tokenScript.tokenUrl || 'not found'}, key id ${tokenScript.keyId || 'not found'}), which fetches and renews tokens itself. The script is not kept.`,
    );
  } else if (rootPre) {
    c.counts.scripts++;
    c.note('', 'skipped', "The collection's pre-request script is not run (scripts are kept only on requests; this one is dropped). Check what it did.");
  }
  if (rootTest) {
    c.counts.scripts++;
    c.note('', 'skipped', "The collection's test script is not run and not kept.");
  }
  const rootAuth = collection.auth ?? null;
  if (rootAuth) {
    const mapped = collectionAuth(c, rootAuth, 'collection');
    if (mapped) {
      auth = mapped.auth;
      accessKey = mapped.accessKey;
    }
  }
  const items = importItems(c, collection.item ?? [], [], rootAuth);
  const tree: CollectionTree = {
    id: c.id(collection.info._postman_id, 'collection'),
    name,
    description: limited(c, '', descriptionText(collection.info.description)),
    variables,
    items,
    readOnly: false,
  };
  c.counts.variables = variables.length;
  if (c.unoffered > 0)
    c.note(
      '',
      'skipped',
      `${c.unoffered} more literal secret${c.unoffered === 1 ? ' was' : 's were'} replaced by placeholders but not offered for the keychain (an import offers at most ${MAX_OFFERS}): fill in their {{placeholders}} yourself.`,
    );
  const runOrder = chainedOrder(c, tree);
  if (runOrder)
    c.note('', 'converted', `The test scripts chain the requests with setNextRequest: sinch-explorer run follows that order (${runOrder.length} requests).`);
  // The access key's parts as the auth names them (`{{KEY_ID}}`): the collection's own variables may hold them.
  const authVariables = accessKey
    ? [auth.kind === 'none' ? '' : auth.keyId, auth.kind === 'none' ? '' : auth.keySecret, auth.kind === 'oauth2' ? auth.tokenUrl : '']
        .map(variableIn)
        .filter((n): n is string => n !== null)
    : [];
  if (accessKey) accessKey = accessKeyFromVariables(c, accessKey, auth, variables);
  const bindings = findBindings(tree, authVariables);
  return {
    ...(runOrder ? { runOrder } : {}),
    tree,
    report: { kind: 'collection', source, name, counts: c.counts, notes: c.notes, secrets: c.offers, accessKey, ...(bindings.length > 0 ? { bindings } : {}) },
    secretValues: c.secretValues,
    auth,
  };
}

/** `KEY_ID` for a value that is exactly `{{KEY_ID}}`; null otherwise. */
function variableIn(value: string): string | null {
  return /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(value.trim())?.[1] ?? null;
}

/**
 * The access key as the environment would hold it, filled from the collection's own variables where
 * the auth names one (`clientId: {{KEY_ID}}` with `KEY_ID = my-key`); a secret variable it names is
 * offered as the access key's secret rather than as a padlocked variable of the same name.
 */
function accessKeyFromVariables(
  c: Converter,
  key: NonNullable<ImportReport['accessKey']>,
  auth: CollectionAuth,
  variables: readonly KeyValue[],
): NonNullable<ImportReport['accessKey']> {
  if (auth.kind === 'none') return key;
  const valueOf = (ref: string): string => {
    const name = variableIn(ref);
    const value = name === null ? '' : (variables.find((v) => v.key === name && v.enabled)?.value ?? '');
    return holdsLiteralValue(value) ? value : '';
  };
  const keyId = key.keyId || valueOf(auth.keyId);
  const tokenUrl = key.tokenUrl || (auth.kind === 'oauth2' ? valueOf(auth.tokenUrl) : '');
  const secretVariable = variableIn(auth.keySecret);
  const offer = secretVariable === null ? undefined : c.offers.find((o) => o.target.kind === 'variable' && o.target.name === secretVariable);
  if (offer && !c.offers.some((o) => o.target.kind === 'access-key-secret')) {
    offer.target = { kind: 'access-key-secret' };
    offer.label = `${offer.label} (the key secret the collection's auth uses)`;
  }
  return { ...key, keyId, tokenUrl };
}

function accessKeyFrom(c: Converter, script: TokenScript, where: string): CollectionAuth {
  let keySecret = script.keySecret;
  if (holdsLiteralValue(keySecret)) {
    c.offer(`Key secret (${where})`, { kind: 'access-key-secret' }, keySecret);
    keySecret = '';
  }
  return { kind: 'oauth2', tokenUrl: script.tokenUrl, keyId: script.keyId, keySecret };
}

/** Collection-level auth: OAuth2 and Basic become the access key; others are described. */
function collectionAuth(c: Converter, auth: PostmanAuth, where: string): { auth: CollectionAuth; accessKey: ImportReport['accessKey'] } | null {
  if (auth.type === 'oauth2') {
    const grant = authValue(auth, 'grant_type') || 'client_credentials';
    if (grant !== 'client_credentials')
      c.note(
        '',
        'skipped',
        `The ${where} OAuth2 grant "${grant}" is not supported; only client credentials (what Sinch uses) is. It was mapped onto the access key anyway: check it.`,
      );
    const tokenUrl = authValue(auth, 'accessTokenUrl');
    const keyId = authValue(auth, 'clientId');
    let keySecret = authValue(auth, 'clientSecret');
    if (holdsLiteralValue(keySecret)) {
      c.offer(`OAuth2 client secret (${where} auth)`, { kind: 'access-key-secret' }, keySecret);
      keySecret = '';
    }
    const token = authValue(auth, 'accessToken');
    if (holdsLiteralValue(token)) c.note('', 'skipped', `A saved OAuth2 access token in the ${where} auth was dropped: the access key fetches fresh ones.`);
    c.note(
      '',
      'converted',
      `The ${where} auth is OAuth2 client credentials: it maps onto the environment's access key (token URL ${tokenUrl || "Sinch's default"}, key id ${keyId || 'not set'}).`,
    );
    return {
      auth: { kind: 'oauth2', tokenUrl, keyId, keySecret },
      accessKey: { mode: 'oauth2', tokenUrl: holdsLiteralValue(tokenUrl) ? tokenUrl : '', keyId: holdsLiteralValue(keyId) ? keyId : '' },
    };
  }
  if (auth.type === 'basic') {
    const keyId = authValue(auth, 'username');
    let keySecret = authValue(auth, 'password');
    if (holdsLiteralValue(keySecret)) {
      c.offer(`Basic auth password (${where} auth)`, { kind: 'access-key-secret' }, keySecret);
      keySecret = '';
    }
    c.note('', 'converted', `The ${where} auth is HTTP Basic: it maps onto the environment's access key in Basic mode (key id ${keyId || 'not set'}).`);
    return { auth: { kind: 'basic', keyId, keySecret }, accessKey: { mode: 'basic', tokenUrl: '', keyId: holdsLiteralValue(keyId) ? keyId : '' } };
  }
  if (auth.type === 'bearer') {
    const token = authValue(auth, 'token');
    const variable = /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(token.trim())?.[1];
    if (variable !== undefined && variable === c.tokenVariable) return null;
    // Offered here under the name the requests that inherit it will use (requestAuth gives the same one).
    hideSecret(c, token, 'bearer_token', `Bearer token (${where} auth)`);
    return null;
  }
  return null;
}

function importVariables(c: Converter, list: readonly PostmanVariable[], where: string): KeyValue[] {
  const out: KeyValue[] = [];
  for (const v of list) {
    if (v === null || typeof v !== 'object') continue;
    const key = str(v.key ?? v.id).trim();
    if (key === '') continue;
    const value = str(v.value);
    if (key.length > 1024 || value.length > MAX_VARIABLE_VALUE) {
      c.note(
        where,
        'skipped',
        `Variable ${key.slice(0, 80)} is ${Math.round((key.length + value.length) / 1024)} KB; variables over ${MAX_VARIABLE_VALUE / 1024} KB are not kept: it was left out.`,
      );
      continue;
    }
    if ((v.type === 'secret' || isSecretName(key)) && holdsLiteralValue(value)) {
      c.offer(`Variable ${key}`, { kind: 'variable', name: c.placeholder(key, value) }, value);
      c.note(
        where,
        'converted',
        `Variable ${key} holds a secret: its value is not saved with the collection (offered for the keychain as a padlocked environment variable).`,
      );
      continue;
    }
    out.push({ key, value, enabled: v.disabled !== true });
  }
  return out;
}

function importItems(c: Converter, items: readonly PostmanItem[], path: string[], inherited: PostmanAuth | null): TreeItem[] {
  const out: TreeItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (item === null || typeof item !== 'object') continue;
    const name = str(item.name).trim().slice(0, 300) || (Array.isArray(item.item) ? 'Folder' : 'Request');
    const lower = name.toLowerCase();
    if (seen.has(lower))
      c.note(
        [...path, name].join(' / '),
        'converted',
        `Another item in ${path.length > 0 ? `"${path.join(' / ')}"` : 'the collection'} has the same name "${name}": both are kept (the second one's file gets a -2 suffix).`,
      );
    seen.add(lower);
    if (Array.isArray(item.item)) {
      c.counts.folders++;
      const here = [...path, name];
      const where = here.join(' / ');
      if (item.variable && item.variable.length > 0)
        c.note(where, 'skipped', `Folder variables (${item.variable.length}) are not supported: add them to the collection's variables.`);
      const folderPre = scriptText(item.event, 'prerequest');
      if (folderPre && readTokenScript(folderPre)) {
        c.note(where, 'converted', "This folder's pre-request script fetches an OAuth2 token: replaced by the environment's access key.");
      } else if (folderPre || scriptText(item.event, 'test')) {
        c.counts.scripts++;
        c.note(where, 'skipped', "This folder's scripts are not run and not kept.");
      }
      const folderAuth = item.auth ?? inherited;
      out.push({
        kind: 'folder',
        id: c.id(item.id, 'folder'),
        name: name.slice(0, 300),
        description: limited(c, where, descriptionText(item.description)),
        items: importItems(c, item.item, here, folderAuth),
      });
      continue;
    }
    out.push({ kind: 'request', request: importRequest(c, item, name, path, inherited) });
  }
  return out;
}

function limited(c: Converter, where: string, text: string): string {
  if (text.length <= LIMIT_DESCRIPTION) return text;
  c.note(where, 'converted', `The description was shortened to ${LIMIT_DESCRIPTION} characters.`);
  return `${text.slice(0, LIMIT_DESCRIPTION - 1)}…`;
}

function importRequest(c: Converter, item: PostmanItem, name: string, path: string[], inherited: PostmanAuth | null): RequestTemplate {
  c.counts.requests++;
  const where = [...path, name].join(' / ');
  const req: PostmanRequest = typeof item.request === 'string' ? { url: item.request, method: 'GET' } : (item.request ?? {});
  const methodRaw = (str(req.method) || 'GET').toUpperCase();
  let method: HttpMethod = 'GET';
  if ((HTTP_METHODS as readonly string[]).includes(methodRaw)) method = methodRaw as HttpMethod;
  else
    c.note(
      where,
      'skipped',
      `The method ${typeof req.method === 'string' ? methodRaw.slice(0, 40) : `(${kindOf(req.method)})`} is not supported: the request was imported as GET.`,
    );
  // Literal secrets anywhere in the request (URL, headers, body, Docs) become placeholders, listed in one note.
  const hider = secretHider(c, where);

  const urlObject = typeof req.url === 'string' ? { raw: req.url } : (req.url ?? {});
  let url = replaceUrlSecrets(str(urlObject.raw).trim(), hider.replace);
  // Path variables (`:id`) are left as written; Postman's disabled query rows live only in params.
  const disabledParams = replaceRowSecrets(
    (urlObject.query ?? [])
      .filter((q) => q !== null && typeof q === 'object' && q.disabled === true)
      .map((q) => ({ key: str(q.key), value: str(q.value), enabled: false })),
    'query parameter',
    hider.replace,
  );
  let headers = cappedHeaders(c, rows(req.header, { c, where, what: 'header' }), where);
  const body: RequestTemplate['body'] = { mode: 'none', text: '' };
  let description = descriptionText(req.description) || descriptionText(item.description);

  const pm = req.body;
  if (pm && pm.disabled !== true && pm.mode) {
    if (pm.mode === 'raw') {
      const text = str(pm.raw);
      const language = pm.options?.raw?.language;
      const declared = headers.find((h) => h.enabled && h.key.toLowerCase() === 'content-type')?.value ?? '';
      body.mode = text === '' ? 'none' : language === 'json' || /json/i.test(declared) || (language === undefined && /^\s*[[{]/.test(text)) ? 'json' : 'text';
      body.text = replaceBodySecrets({ mode: body.mode, text }, hider.replace);
      // What runs the request adds this one itself for a JSON body.
      if (body.mode === 'json')
        headers = headers.filter((h) => !(h.key.toLowerCase() === 'content-type' && h.value.trim().toLowerCase() === 'application/json'));
    } else if (pm.mode === 'urlencoded') {
      const fields = replaceRowSecrets(
        rows(pm.urlencoded, { c, where, what: 'form field' }).filter((f) => f.enabled),
        'body field',
        hider.replace,
      );
      // No fields is no body (Postman keeps the mode on a GET whose body was never filled in).
      if (fields.length > 0) {
        body.mode = 'text';
        body.text = fields.map((f) => `${formEncoded(f.key)}=${formEncoded(f.value)}`).join('&');
        if (!headers.some((h) => h.key.toLowerCase() === 'content-type'))
          headers.push({ key: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true });
        c.note(
          where,
          'converted',
          `The form body (x-www-form-urlencoded, ${fields.length} field${fields.length === 1 ? '' : 's'}) became a text body with Content-Type application/x-www-form-urlencoded.`,
        );
      }
    } else if (pm.mode === 'formdata') {
      const fields = (Array.isArray(pm.formdata) ? pm.formdata : []).filter((f) => f !== null && typeof f === 'object');
      // As for urlencoded: an empty form-data body is no body, and nothing to warn about.
      if (fields.length > 0) {
        const files = fields.filter((f) => f.type === 'file').map((f) => str(f.key));
        const texts = fields.filter((f) => f.type !== 'file');
        const listed = fields
          .map((f) => {
            const key = str(f.key);
            const value = f.type === 'file' ? '' : str(f.value);
            const shown = isLiteralSecret(key, value) ? hider.replace({ place: 'form field', name: key.trim(), value, scheme: '' }) : value;
            return `- ${key}${f.type === 'file' ? ' (file)' : ` = ${shown}`}${f.disabled ? ' (disabled)' : ''}`;
          })
          .join('\n');
        description = `${description}${description ? '\n\n' : ''}Form-data body from Postman (not sent by this app):\n${listed}`;
        c.note(
          where,
          'skipped',
          `The multipart form-data body (${texts.length} text field${texts.length === 1 ? '' : 's'}${files.length > 0 ? `, file field${files.length === 1 ? '' : 's'} ${files.join(', ')}` : ''}) cannot be sent by this app: its fields are listed in Docs.`,
        );
      }
    } else if (typeof pm.mode === 'string') {
      c.note(where, 'skipped', `The ${pm.mode.slice(0, 40)} body is not supported and was left out.`);
    } else {
      c.note(where, 'skipped', `The body's mode is ${kindOf(pm.mode)}, not one of raw, urlencoded, formdata: the body was left out.`);
    }
  }

  // Auth: the request's own, else the nearest folder's, else the collection's.
  const own = item.auth ?? (typeof item.request === 'object' ? item.request.auth : undefined) ?? null;
  const effective = own ?? inherited;
  let auth: RequestTemplate['auth'] = 'inherit';
  if (effective) {
    const mapped = requestAuth(c, effective, where, own !== null);
    auth = mapped.auth;
    headers = [...headers, ...mapped.headers];
    if (mapped.query) url = `${url}${url.includes('?') ? '&' : '?'}${mapped.query}`;
  }
  // Headers that only carry the token a recognised token script fetched: the access key does that.
  if (c.tokenVariable) {
    const uses = `{{${c.tokenVariable}}}`;
    const before = headers.length;
    headers = headers.filter(
      (h) =>
        !(
          h.key.toLowerCase() === 'authorization' &&
          h.value
            .replace(/\{\{\s+/g, '{{')
            .replace(/\s+\}\}/g, '}}')
            .includes(uses)
        ),
    );
    if (headers.length < before) c.note(where, 'converted', `The Authorization header with {{${c.tokenVariable}}} was removed: the access key adds it.`);
  }
  // A literal secret in a header goes to the keychain, a placeholder stays.
  headers = headers.map((h) => (isLiteralSecret(h.key, h.value) ? { ...h, value: secretInHeader(c, h, where) } : h));

  const params: KeyValue[] = [...parseQuery(splitUrl(url).query ?? ''), ...disabledParams];

  const captures: Capture[] = [];
  let next: string | null | undefined;
  const scripts: NonNullable<RequestTemplate['scripts']> = {};
  const pre = scriptText(item.event, 'prerequest');
  if (pre) {
    if (readTokenScript(pre))
      c.note(where, 'converted', "The pre-request script fetches an OAuth2 token: replaced by the environment's access key (not kept).");
    else {
      scripts.preRequest = scriptWithoutSecrets(c, pre, where);
      c.counts.scripts++;
      c.note(where, 'skipped', 'The pre-request script is kept as text but not run.');
    }
  }
  const test = scriptText(item.event, 'test');
  if (test) {
    const reading = readTestScript(test);
    if (reading.next !== undefined) next = reading.next;
    captures.push(...reading.captures.slice(0, 50));
    c.counts.captures += Math.min(50, reading.captures.length);
    if (reading.captures.length > 0)
      c.note(
        where,
        'converted',
        `Test script: ${reading.captures.map((x) => `{{${x.variable}}}`).join(', ')} set from the response became ${reading.captures.length === 1 ? 'a capture' : 'captures'}.`,
      );
    if (reading.rest !== null) {
      scripts.test = scriptWithoutSecrets(c, reading.rest, where);
      c.counts.scripts++;
      c.note(
        where,
        'skipped',
        `The test script (${reading.unknownLines} line${reading.unknownLines === 1 ? '' : 's'} not understood) is kept as text but not run.`,
      );
    }
  }
  const examples: ExampleResponse[] = [];
  const responses = Array.isArray(item.response) ? item.response : [];
  for (const r of responses.slice(0, 50)) {
    if (r === null || typeof r !== 'object') continue;
    const exampleName = (str(r.name) || 'Example').slice(0, 300);
    const full = typeof r.body === 'string' ? r.body : '';
    if (full.length > MAX_EXAMPLE_BODY)
      c.note(where, 'converted', `The body of the example "${exampleName}" is ${(full.length / 1024 / 1024).toFixed(1)} MB: its first MB was kept.`);
    // Tokens in saved responses (an access_token, a Set-Cookie) are secrets like any other.
    const exampleHider = secretHider(c, where, `the example "${exampleName}"`);
    const exampleHeaders = replaceRowSecrets(rows(r.header).slice(0, 200), 'header', exampleHider.replace);
    const exampleBody = replaceBodySecrets({ mode: 'text', text: full.slice(0, MAX_EXAMPLE_BODY) }, exampleHider.replace);
    exampleHider.done();
    examples.push({
      name: exampleName,
      status: typeof r.code === 'number' && r.code >= 0 && r.code <= 999 ? r.code : 0,
      headers: exampleHeaders,
      body: exampleBody,
    });
  }
  c.counts.examples += examples.length;
  if (responses.length > 50) c.note(where, 'skipped', `Only the first 50 of ${responses.length} example responses were kept.`);
  hider.done();

  const id = c.id(item.id, 'request');
  if (typeof item.id === 'string') c.byPostmanRef.set(item.id, id);
  if (!c.byPostmanRef.has(name)) c.byPostmanRef.set(name, id);
  if (next !== undefined) c.next.set(id, next);
  const request: RequestTemplate = {
    id,
    name: name.slice(0, 300),
    description: limited(c, where, description),
    method,
    url,
    params,
    headers,
    body,
    variables: [],
    captures,
    auth,
  };
  if (scripts.preRequest || scripts.test) request.scripts = scripts;
  if (examples.length > 0) request.examples = examples;
  return request;
}

/** Form encoding that leaves `{{variables}}` as written, so they are still resolved when the request is sent. */
function formEncoded(text: string): string {
  return text
    .split(/(\{\{[^{}]{1,200}\}\})/)
    .map((part, i) => (i % 2 === 1 ? part : encodeURIComponent(part)))
    .join('');
}

/** Header rows a request can keep: values over MAX_HEADER_VALUE and rows past MAX_HEADERS are left out, each said. */
function cappedHeaders(c: Converter, list: KeyValue[], where: string): KeyValue[] {
  const kept: KeyValue[] = [];
  for (const h of list) {
    if (h.value.length > MAX_HEADER_VALUE || h.key.length > 1024) {
      c.note(
        where,
        'skipped',
        `The header ${h.key.slice(0, 80)} is ${Math.round((h.key.length + h.value.length) / 1024)} KB; servers refuse headers over ${MAX_HEADER_VALUE / 1024} KB, so it was left out.`,
      );
      continue;
    }
    if (kept.length === MAX_HEADERS) {
      c.note(where, 'skipped', `Only the first ${MAX_HEADERS} of ${list.length} headers were kept.`);
      break;
    }
    kept.push(h);
  }
  return kept;
}

function secretInHeader(c: Converter, h: KeyValue, where: string): string {
  const scheme = /^(Bearer|Basic)\s+/i.exec(h.value)?.[0] ?? '';
  const name = placeholderName(h.key);
  const value = hideSecret(c, h.value.slice(scheme.length), name, `${h.key} header ("${where}")`);
  c.note(where, 'converted', `The ${h.key} header held a literal value: it is replaced by ${value} (offered for the keychain).`);
  return `${scheme}${value}`;
}

interface MappedAuth {
  auth: RequestTemplate['auth'];
  headers: KeyValue[];
  query: string;
}

function requestAuth(c: Converter, auth: PostmanAuth, where: string, own: boolean): MappedAuth {
  const none: MappedAuth = { auth: 'inherit', headers: [], query: '' };
  switch (auth.type) {
    case 'noauth':
      return { ...none, auth: 'none' };
    case 'oauth2':
    case 'basic':
      if (own) c.note(where, 'converted', `The request's ${auth.type === 'basic' ? 'Basic' : 'OAuth2'} auth maps onto the environment's access key.`);
      if (own) collectionAuth(c, auth, `"${where}"`);
      return none;
    case 'bearer': {
      const token = authValue(auth, 'token');
      const variable = /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(token.trim())?.[1];
      if (variable !== undefined && variable === c.tokenVariable) return none;
      const value = hideSecret(c, token, 'bearer_token', `Bearer token (${own ? `"${where}"` : 'inherited'} auth)`);
      return { ...none, headers: [{ key: 'Authorization', value: `Bearer ${value}`, enabled: true }] };
    }
    case 'apikey': {
      const key = authValue(auth, 'key') || 'X-API-Key';
      const placeholder =
        key
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '_')
          .replace(/^_+|_+$/g, '') || 'api_key';
      const value = hideSecret(c, authValue(auth, 'value'), placeholder, `API key ${key}`);
      if (authValue(auth, 'in') === 'query') return { ...none, query: `${encodeURIComponent(key)}=${value}` };
      return { ...none, headers: [{ key, value, enabled: true }] };
    }
    default:
      c.note(
        where,
        'skipped',
        `The ${auth.type} auth is not supported: the request uses the environment's access key instead. Add the header it needs by hand.`,
      );
      return none;
  }
}

/** The order setNextRequest chains the requests in, starting with the first one shown; null when no script chains them. */
function chainedOrder(c: Converter, tree: CollectionTree): string[] | null {
  if (c.next.size === 0) return null;
  const shown: string[] = [];
  const walk = (items: readonly TreeItem[]): void => {
    for (const item of items) {
      if (item.kind === 'request') shown.push(item.request.id);
      else walk(item.items);
    }
  };
  walk(tree.items);
  const order: string[] = [];
  let at: string | undefined = shown[0];
  while (at !== undefined && !order.includes(at)) {
    order.push(at);
    const next = c.next.get(at);
    if (next === null) break;
    // No jump: the runner goes on to the next one shown.
    at = next === undefined ? shown[shown.indexOf(at) + 1] : c.byPostmanRef.get(next);
  }
  return order;
}

/**
 * A kept script must not carry a credential into the workspace: a quoted literal given to a
 * secret-named key (`client_secret: 'abc'`, `"password": "abc"`, `apiKey = 'abc'`) or set into a
 * secret-named variable (`pm.environment.set('KEY_SECRET', 'abc')`) becomes
 * `pm.variables.get("<name>")`, which still works in Postman once the variable is defined, and the
 * value is offered for the keychain as that (padlocked) variable.
 */
function scriptWithoutSecrets(c: Converter, script: string, where: string): string {
  // A Set: a script may hold thousands of them, and a list's includes() made that quadratic.
  const found = new Set<string>();
  const replace = (name: string, value: string): string | null => {
    if (!isSecretName(name) || !holdsLiteralValue(value) || value.length < 4) return null;
    const placeholder = c.placeholder(name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z_]+/, '') || 'secret', value);
    c.offer(`${name} in a script of "${where}"`, { kind: 'variable', name: placeholder }, value);
    const entry = `${name} now reads pm.variables.get("${placeholder}")`;
    found.add(entry);
    return `pm.variables.get(${JSON.stringify(placeholder)})`;
  };
  const kept = script
    .replace(SCRIPT_SETTER, (whole, lead: string, _q: string, name: string, _q2: string, value: string) => {
      const hidden = replace(name, value);
      return hidden === null ? whole : `${lead}${hidden}`;
    })
    .replace(SCRIPT_ASSIGNMENT, (whole, lead: string, _q: string, name: string, _q2: string, value: string) => {
      const hidden = replace(name, value);
      return hidden === null ? whole : `${lead}${hidden}`;
    });
  // One note per script, however many secrets it held.
  if (found.size > 0)
    c.note(
      where,
      'converted',
      `A script held literal secrets (their values are offered for the keychain): ${[...found].slice(0, 10).join('; ')}${found.size > 10 ? `; and ${found.size - 10} more` : ''}.`,
    );
  return kept;
}

/** `.set('NAME', 'value')`: starts only at `.set(`, the name bounded, so each match is short. */
const SCRIPT_SETTER = /(\.set\(\s*(['"`])([^'"`\n]{1,100})\2\s*,\s*)(['"`])([^'"`\n]*)\4/g;
/**
 * `name: 'value'`, `"name": "value"`, `name = 'value'`. The lookbehind starts a match only where a
 * name starts: without it, every position inside a long word was tried with up to 100 name lengths.
 */
const SCRIPT_ASSIGNMENT = /(?<![\w$-])((['"]?)([A-Za-z_$][\w$-]{0,100})\2\s*[:=]\s*)(['"`])([^'"`\n]*)\4/g;
