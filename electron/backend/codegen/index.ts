/**
 * The Code panel's snippets, written in the backend: the same resolved request Send would send,
 * as curl, as an HTTP call in one of seven languages (Postman's generators), or as the Sinch Node
 * SDK call for a catalog operation. Without `includeSecrets` every credential is read from the
 * environment the way that language does it (`process.env.SINCH_TOKEN`, `os.environ[…]`,
 * `System.getenv(…)`…), so the snippet runs as pasted once the variable is exported.
 */
import {
  addAuthImports,
  authExpression,
  withComment,
  type CodeLanguage,
  type GeneratedCodeResult,
  type HttpSnippetLanguage,
} from '../../../shared/formats/codegen';
import { matchSdkOperation, nodeSdkSnippet, otherSdkNames, type SdkClientConfig } from '../../../shared/formats/codegenSdk';
import { CURL_KEY_SECRET_VARIABLE, CURL_TOKEN_VARIABLE, toCurl } from '../../../shared/formats/curl';
import { isSecretName } from '../../../shared/formats/secrets';
import { isSinchRegion, sinchHosts } from '../../../shared/regions';
import { parseUntrustedJson } from '../../../shared/safeObject';
import { redact } from '../auth/index';
import { postmanSnippet } from './postmanGenerators';
import type { PreparedRequest } from './prepare';

export type GeneratedCode = Omit<GeneratedCodeResult, 'language' | 'unresolved'>;

/**
 * Stands in for a withheld credential while a generator writes the code; every literal holding it
 * is then replaced by the language's own environment read. Letters only, so no generator escapes it.
 */
const WITHHELD = 'SCEWITHHELDCREDENTIALc0de';

function maskUrl(url: string): { url: string; masked: boolean } {
  const masked = url.replace(/(^|[?&])([^=&#?\s]+)=([^&#\s]*)/g, (whole, lead: string, name: string, value: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      /* kept as typed */
    }
    return isSecretName(decoded) && value !== '' ? `${lead}${name}=<redacted>` : whole;
  });
  return { url: masked, masked: masked !== url };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The comment that opens a snippet written without credentials: what was withheld and what to set. */
function redactionComment(redacted: readonly string[], envVars: readonly string[], placeholders: boolean): string[] {
  if (redacted.length === 0) return [];
  const todo = [
    ...(envVars.length > 0
      ? [`set ${[...new Set(envVars)].join(' and ')} in the environment (export ${[...new Set(envVars)].map((v) => `${v}=…`).join(' ')})`]
      : []),
    ...(placeholders ? ['replace each <…> placeholder'] : []),
  ];
  return [`Secrets redacted (${[...new Set(redacted)].join(', ')}): ${todo.length > 0 ? `${todo.join(' and ')} before running.` : 'nothing else to do.'}`];
}

async function httpCode(language: HttpSnippetLanguage, p: PreparedRequest, includeSecrets: boolean): Promise<{ code: string; warnings: string[] }> {
  const warnings: string[] = [];
  const redacted: string[] = [];
  const envVars: string[] = [];
  let placeholders = false;
  let withheldAuth: { mode: 'bearer' } | { mode: 'basic'; keyId: string } | null = null;
  let url = p.url;
  const headers: { name: string; value: string }[] = [];
  if (!includeSecrets) {
    const masked = maskUrl(url);
    url = masked.url;
    if (masked.masked) {
      redacted.push('secret query parameters');
      placeholders = true;
    }
  }
  for (const header of p.headers) {
    if (includeSecrets || !isSecretName(header.name)) {
      headers.push(header);
      continue;
    }
    redacted.push(header.name);
    if (header.name.toLowerCase() === 'authorization' && /^bearer\s/i.test(header.value.trim())) {
      headers.push({ name: header.name, value: WITHHELD });
      withheldAuth = { mode: 'bearer' };
      envVars.push(CURL_TOKEN_VARIABLE);
    } else {
      headers.push({ name: header.name, value: '<redacted>' });
      placeholders = true;
    }
  }
  if (p.auth) {
    if (includeSecrets) {
      const value =
        p.auth.mode === 'bearer' ? `Bearer ${p.auth.token}` : `Basic ${Buffer.from(`${p.auth.keyId}:${p.auth.keySecret}`, 'utf8').toString('base64')}`;
      headers.push({ name: 'Authorization', value });
    } else {
      redacted.push('Authorization');
      headers.push({ name: 'Authorization', value: WITHHELD });
      withheldAuth = p.auth.mode === 'bearer' ? { mode: 'bearer' } : { mode: 'basic', keyId: p.auth.keyId };
      envVars.push(p.auth.mode === 'bearer' ? CURL_TOKEN_VARIABLE : CURL_KEY_SECRET_VARIABLE);
    }
  }
  if (!includeSecrets && p.withheld.length > 0) {
    redacted.push(`padlocked ${p.withheld.map((n) => `{{${n}}}`).join(', ')}`);
    placeholders = true;
  }
  if (p.body !== null && p.body !== '') {
    // Some generators re-print a JSON body as a literal of their language: a `__proto__` key or very
    // deep nesting might not come out as typed.
    const checked = parseUntrustedJson(p.body);
    if (!checked.ok && isJson(p.body)) warnings.push(`Check that this code sends the body as typed: ${checked.error}`);
  }
  let code: string;
  try {
    code = await postmanSnippet(language, { method: p.method, url, headers, body: p.body });
  } catch (error) {
    const why = `This request could not be written as ${language}: ${error instanceof Error ? error.message : String(error)}`;
    return { code: withComment(language, '', [why]), warnings: [...warnings, why] };
  }
  if (withheldAuth) {
    const auth = withheldAuth;
    // A string literal holding the stand-in, with what precedes it (`Authorization: ` where a
    // language writes whole header lines), becomes the language's own environment read.
    code = code.replace(new RegExp(`(["'])([A-Za-z: -]*)${WITHHELD}\\1`, 'g'), (_whole, _quote: string, prefix: string) =>
      authExpression(language, prefix, auth),
    );
    if (code.includes(WITHHELD)) {
      code = code.split(WITHHELD).join(`<${auth.mode === 'bearer' ? CURL_TOKEN_VARIABLE : CURL_KEY_SECRET_VARIABLE}>`);
      placeholders = true;
      warnings.push('The credential could not be written as an environment read in this language: replace the <…> placeholder.');
    }
    code = addAuthImports(language, code, auth.mode === 'basic');
  }
  return { code: withComment(language, code, redactionComment(redacted, envVars, placeholders)), warnings };
}

function sdkCode(p: PreparedRequest, includeSecrets: boolean, catalogId: string | undefined): GeneratedCode {
  const match = matchSdkOperation(p.method, p.url, { catalogId, templateHost: p.typedUrl.startsWith('{{template_base_url}}') });
  if (!match) {
    const why = `The Sinch SDKs have no method for ${p.method} ${p.url.split('?')[0] ?? ''}: use one of the HTTP snippets.`;
    return { code: `// ${why}\n`, warnings: [], sdk: null, sdkUnavailable: why };
  }
  const warnings: string[] = [];
  let body: unknown;
  if (match.operation.body) {
    if (p.body === null || p.body.trim() === '') body = {};
    else {
      const parsed = parseUntrustedJson(p.body);
      if (!parsed.ok) {
        const why = `The SDK call takes the body as an object, and this body cannot be one (${parsed.error}): fix the body first.`;
        return { code: `// ${why}\n`, warnings: [], sdk: null, sdkUnavailable: why };
      }
      body = parsed.value;
    }
  }
  const settings = p.settings && p.settings.mode !== 'none' ? p.settings : null;
  if (!settings) warnings.push('No access key in this environment: the SDK needs a key id and secret (Environments › Access key).');
  if (settings?.mode === 'basic') warnings.push('The Node SDK authenticates with OAuth2 only: it fetches a token with this key id and secret.');
  const region = p.env && isSinchRegion(p.env.region) ? p.env.region : null;
  const origin = match.origin;
  const onSinchHost = region !== null && (origin === sinchHosts(region).conversation || origin === sinchHosts(region).template);
  const scopeValue = (name: string): string | undefined => p.scope.get(name)?.value;
  const tokenUrl = settings?.mode === 'oauth2' ? settings.tokenUrl.trim() : '';
  let authHost: string | null = null;
  if (tokenUrl !== '' && tokenUrl !== 'https://auth.sinch.com/oauth2/token') {
    if (/\/oauth2\/token\/?$/.test(tokenUrl)) authHost = tokenUrl.replace(/\/oauth2\/token\/?$/, '');
    else warnings.push(`The SDK asks <authHostname>/oauth2/token for tokens; this environment's token URL (${tokenUrl}) has another path.`);
  }
  const client: SdkClientConfig = {
    projectId: match.projectId,
    keyId: settings ? settings.keyId : '<key id>',
    keySecretExpression: includeSecrets && settings ? JSON.stringify(settings.keySecret) : `process.env.${CURL_KEY_SECRET_VARIABLE}`,
    region: onSinchHost ? region : null,
    ...(onSinchHost
      ? {}
      : {
          hostnames: {
            conversation: match.operation.api === 'v1' ? origin : (scopeValue('base_url') ?? origin),
            templates: match.operation.api === 'v1' ? (scopeValue('template_base_url') ?? origin) : origin,
            auth: authHost,
          },
        }),
  };
  const names = otherSdkNames(match.operation);
  const comments = [
    `Sinch Node SDK (npm install @sinch/sdk-core): ${match.operation.id}`,
    ...(names.java ? [`Java SDK:   ${names.java}`] : []),
    ...(names.python ? [`Python SDK: ${names.python}`] : []),
    ...(names.dotnet ? [`.NET SDK:   ${names.dotnet}`] : []),
    ...(includeSecrets || !settings
      ? []
      : [`Secrets redacted (key secret): set ${CURL_KEY_SECRET_VARIABLE} in the environment (export ${CURL_KEY_SECRET_VARIABLE}=…) before running.`]),
    ...(!includeSecrets && p.withheld.length > 0 ? [`Padlocked ${p.withheld.map((n) => `{{${n}}}`).join(', ')} withheld: replace each <…> placeholder.`] : []),
  ];
  const snippet = nodeSdkSnippet(match, p.url, body, client, comments);
  if (snippet.dropped.length > 0) warnings.push(`Left out (the SDK method does not take them): ${snippet.dropped.join(', ')}.`);
  return {
    code: snippet.code,
    warnings,
    sdk: { operation: match.operation.id, node: `sinchClient.conversation.${match.operation.call}(…)`, ...names },
    sdkUnavailable: null,
  };
}

/** The snippet for one language. Without `includeSecrets`, nothing in it is a secret value (checked once more at the end). */
export async function generateCode(p: PreparedRequest, language: CodeLanguage, includeSecrets: boolean, catalogId?: string): Promise<GeneratedCode> {
  let result: GeneratedCode;
  if (language === 'curl') {
    result = { code: toCurl(p, { includeSecrets, auth: p.auth, withheldVariables: p.withheld }), warnings: [], sdk: null, sdkUnavailable: null };
  } else if (language === 'node-sdk') {
    result = sdkCode(p, includeSecrets, catalogId);
  } else {
    const written = await httpCode(language, p, includeSecrets);
    result = { ...written, sdk: null, sdkUnavailable: null };
  }
  const warnings = [...p.warnings, ...result.warnings];
  if (includeSecrets) return { ...result, warnings };
  // Belt and braces: whatever path a value took, code without credentials holds none.
  const secrets = [
    ...p.secrets,
    ...(p.settings && p.settings.mode !== 'none' ? [p.settings.keySecret] : []),
    ...(p.auth?.mode === 'bearer' ? [p.auth.token] : []),
  ];
  return { ...result, code: redact(result.code, secrets), warnings: warnings.map((w) => redact(w, secrets)) };
}
