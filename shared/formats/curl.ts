/**
 * "Copy as curl": a resolved request as a command a user can paste into a POSIX shell. Every
 * value is single-quoted, so `$`, backticks, `"` and newlines reach curl exactly as sent.
 */
import { isSecretName } from './secrets';

export interface CurlRequest {
  method: string;
  url: string;
  headers: readonly { name: string; value: string }[];
  body: string | null;
}

export interface CurlOptions {
  /** False (the default in the app) replaces credentials with placeholders and says so. */
  includeSecrets: boolean;
}

/** The shell variable a redacted bearer token is read from, so the copy still runs once it is set. */
export const CURL_TOKEN_VARIABLE = 'SINCH_TOKEN';

/** `'…'` with every `'` written as `'\''`: nothing inside single quotes is special to the shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(request: CurlRequest, options: CurlOptions): string {
  const redacted: string[] = [];
  let url = request.url;
  if (!options.includeSecrets) {
    // Unlike history (which keeps a hint of the value), a copied command gets a plain placeholder.
    const masked = url.replace(/(^|[?&])([^=&#?\s]+)=([^&#\s]*)/g, (whole, lead: string, name: string, value: string) =>
      isSecretName(safeDecode(name)) && value !== '' ? `${lead}${name}=<redacted>` : whole,
    );
    if (masked !== url) redacted.push('secret query parameters');
    url = masked;
  }
  const method = request.method.toUpperCase();
  const first = method === 'HEAD' ? `curl --head ${shellQuote(url)}` : method === 'GET' && request.body === null ? `curl ${shellQuote(url)}` : `curl -X ${method} ${shellQuote(url)}`;
  const parts: string[] = [first];
  for (const header of request.headers) {
    if (options.includeSecrets || !isSecretName(header.name)) {
      parts.push(`-H ${shellQuote(`${header.name}: ${header.value}`)}`);
      continue;
    }
    redacted.push(header.name);
    const bearer = /^bearer\s/i.test(header.value.trim());
    // Double quotes only here, around text we wrote ourselves, so that $SINCH_TOKEN expands.
    parts.push(bearer && header.name.toLowerCase() === 'authorization' ? `-H "${header.name}: Bearer $${CURL_TOKEN_VARIABLE}"` : `-H ${shellQuote(`${header.name}: <redacted>`)}`);
  }
  if (request.body !== null && request.body !== '') parts.push(`--data-raw ${shellQuote(request.body)}`);
  const command = parts.join(' \\\n  ');
  if (redacted.length === 0) return command;
  const usesToken = command.includes(`$${CURL_TOKEN_VARIABLE}`);
  const comment = `# Secrets redacted (${redacted.join(', ')}): ${usesToken ? `export ${CURL_TOKEN_VARIABLE}=<access token> and ` : ''}replace any <redacted> before running.`;
  return `${comment}\n${command}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
