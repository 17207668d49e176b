/**
 * The one way a request is sent, whoever sends it (the editor's Send button, the collection
 * runner, `sinch-explorer run`): resolve its variables, add the inherited Authorization, refuse
 * what cannot be sent as written, send, and read the captures from the answer. Keeping it in one
 * place is what makes "works in the app" and "works in CI" the same statement.
 */
import { runCaptures, type CaptureOutcome } from '../../../shared/captures';
import { findJsonProblem } from '../../../shared/jsonProblem';
import type { Capture } from '../../../shared/model/collection';
import type { BodyMode, HttpMethod, HttpResponseSummary, SendResult } from '../../../shared/model/httpRequest';
import type { KeyValue } from '../../../shared/model/keyValue';
import { describeTooLarge, describeUnresolved, resolveRequest, type ResolvedRequest, type VariableScope } from '../../../shared/variables';
import { DEFAULT_TIMEOUT_MS, type ExecuteOptions } from '../http/executor';

/** A request as written (variables unresolved): a RequestTemplate or the editor's draft fits. */
export interface EngineRequest {
  method: HttpMethod;
  url: string;
  params: KeyValue[];
  headers: KeyValue[];
  body: { mode: BodyMode; text: string };
  captures?: Capture[];
  /** `inherit` (the default) gets its Authorization from `authorize` or from the Sender; `none` goes without. */
  auth?: 'inherit' | 'none';
}

export interface SendOptions extends ExecuteOptions {
  /** The request's own choice: `none` means it goes without the credentials a Sender would add. */
  auth: 'inherit' | 'none';
}

/** Puts a resolved request on the wire: `executor.execute.bind(executor)`, or an auth-aware one (../requests/sender.ts). */
export type Sender = (resolved: ResolvedRequest, options: SendOptions) => Promise<SendResult>;

export interface EngineOptions {
  /** Every variable the request may use (see buildScope). */
  scope: VariableScope;
  send: Sender;
  /** The Authorization header value for a request that inherits auth, or null to send none. */
  authorize?: (resolved: ResolvedRequest) => string | null | Promise<string | null>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * The whole response body, for captures, when the caller keeps it (the preview stops at
   * PREVIEW_LIMIT, and a capture must not miss a field only because the body was long).
   * Without it, captures read the preview.
   */
  bodyText?: (response: HttpResponseSummary) => string | undefined;
}

export interface EngineOutcome {
  /** What was (or would have been) sent, Authorization included. */
  resolved: ResolvedRequest;
  result: SendResult;
  /** Empty when nothing came back; otherwise runCaptures' answer (which captures only on 2xx). */
  captures: CaptureOutcome;
}

const NOTHING_CAPTURED: CaptureOutcome = { captured: [], missed: [] };
/** JSON bodies up to this size are checked before they are sent (a few milliseconds at most). */
export const JSON_PRECHECK_CHARS = 2 * 1024 * 1024;

export async function sendRequest(request: EngineRequest, options: EngineOptions): Promise<EngineOutcome> {
  const resolved = resolveRequest(request, options.scope);
  if (resolved.tooLarge !== undefined) {
    return { resolved, result: { ok: false, error: { code: 'TOO_LARGE', message: describeTooLarge(resolved.tooLarge) } }, captures: NOTHING_CAPTURED };
  }
  if (resolved.unresolved.length > 0) {
    const error = { code: 'UNRESOLVED_VARIABLES' as const, message: describeUnresolved(resolved.unresolved), variables: [...resolved.unresolved] };
    return { resolved, result: { ok: false, error }, captures: NOTHING_CAPTURED };
  }
  if ((request.auth ?? 'inherit') === 'inherit' && options.authorize && !resolved.headers.some((h) => h.name.toLowerCase() === 'authorization')) {
    const header = await options.authorize(resolved);
    if (header !== null) resolved.headers.push({ name: 'Authorization', value: header });
  }
  // A body over JSON_PRECHECK_CHARS goes out unchecked, for the API to judge: parsing 20 MB
  // here would hold up everything else the backend does (the listener included) for half a second.
  if (request.body.mode === 'json' && resolved.body !== null && resolved.body.length <= JSON_PRECHECK_CHARS) {
    const problem = findJsonProblem(resolved.body);
    if (problem) {
      const message = `The JSON body is not valid at line ${problem.line}, column ${problem.column}: ${problem.message}.`;
      return { resolved, result: { ok: false, error: { code: 'INVALID_BODY', message } }, captures: NOTHING_CAPTURED };
    }
  }
  const result = await options.send(resolved, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: options.signal ?? new AbortController().signal,
    auth: request.auth ?? 'inherit',
  });
  if (!result.ok) return { resolved, result, captures: NOTHING_CAPTURED };
  const { response } = result;
  const bodyText = options.bodyText?.(response) ?? response.body.preview;
  const captures = runCaptures(request.captures ?? [], { status: response.status, headers: response.headers, bodyText });
  return { resolved, result, captures };
}

/** True for a response in the 2xx range. */
export function isSuccess(result: SendResult): boolean {
  return result.ok && result.response.status >= 200 && result.response.status <= 299;
}
