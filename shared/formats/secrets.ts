/**
 * What counts as a secret when something leaves the request editor (history, "copy as curl").
 * Names are matched, never values: a header called `Authorization` is hidden whatever it holds.
 */

/** Header names that always carry credentials. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Anything named like a credential: `X-Auth-Token`, `client_secret`, `password`, `api-key`, `session`… */
const SECRET_NAME = /((^|[-_.])auth($|[-_.])|authori[sz]ation|token|secret|passw(or)?d|passwd|pwd|api[-_.]?key|cookie|session|credential|private[-_.]?key)/i;
/**
 * Named like credentials but not credentials, so hiding them would only hurt: paging cursors, the
 * `flow_token` a business gives a WhatsApp Flow to recognise its replies, and the address of a token
 * endpoint (`AUTH_URL`, `token_url`, what a Sinch environment points its access key at).
 */
const NOT_SECRET = /(page|flow)[-_.]?token$|(auth|token|oauth2?)[-_.]?(url|uri|endpoint)$/i;

export function isSecretName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_HEADERS.has(n) || (SECRET_NAME.test(n) && !NOT_SECRET.test(n));
}

/** A value made only of variable references (`Bearer {{token}}`) holds no secret and is kept. */
const ONLY_VARIABLES = /^\s*([A-Za-z]+\s+)?(\{\{\s*[^{}\s]+\s*\}\}\s*)+$/;

/** True when a value holds something literal (not empty, not only `{{variable}}` references) that may be a secret. */
export function holdsLiteralValue(value: string): boolean {
  return value !== '' && !ONLY_VARIABLES.test(value);
}

/**
 * `••••` and at most the last 4 characters, so two keys can still be told apart; values too
 * short to spare 4 characters safely show nothing at all.
 */
export function maskSecret(value: string): string {
  if (value === '' || ONLY_VARIABLES.test(value)) return value;
  return value.length >= 16 ? `••••${value.slice(-4)}` : '••••';
}

export function maskHeaderValue(name: string, value: string): string {
  return isSecretName(name) ? maskSecret(value) : value;
}

/** Masks `name=value` pairs with secret-like names in a query string or a form body. */
export function maskQueryPairs(text: string): string {
  return text.replace(/(^|[?&])([^=&#?\s]+)=([^&#\s]*)/g, (whole, lead: string, name: string, value: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* keep the raw name */
    }
    return isSecretName(decoded) && value !== '' ? `${lead}${name}=${encodeURIComponent(maskSecret(value))}` : whole;
  });
}

/** Masks `"secretName": "value"` string members anywhere in JSON-looking text, without parsing it. */
export function maskJsonMembers(text: string): string {
  return text.replace(/("([^"\\]{1,200})"\s*:\s*)"((?:[^"\\]|\\.)*)"/g, (whole, lead: string, name: string, value: string) =>
    isSecretName(name) && value !== '' ? `${lead}"${maskSecret(value)}"` : whole,
  );
}

/** Best effort for free text that may be JSON or a form: both maskers, which leave other text alone. */
export function maskSecretsInText(text: string): string {
  const json = maskJsonMembers(text);
  return /^\s*[[{]/.test(json) ? json : maskQueryPairs(json);
}
