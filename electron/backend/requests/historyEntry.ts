import type { ParsedInput } from '../../../shared/contract';
import type { Environment } from '../../../shared/model/environment';
import type { SendResult } from '../../../shared/model/httpRequest';
import { redactDeep } from '../auth/redact';
import type { HistoryInput } from '../storage/history';

export type SentRequest = ParsedInput<'requests.send'>['request'];

/**
 * What History keeps of one send: the request as written, where it went, and what came back.
 * Every field may carry a padlocked value (typed in, echoed back, quoted in an error): all of
 * them are redacted.
 */
export function historyEntry(
  request: SentRequest,
  sent: { resolvedUrl: string; env: Environment | null; collectionId: string | null; result: SendResult },
  secrets: readonly string[],
): HistoryInput {
  const { result } = sent;
  return redactDeep(
    {
      name: request.name ?? '',
      environmentName: sent.env?.name ?? null,
      collectionId: sent.collectionId,
      request: {
        method: request.method,
        url: request.url,
        params: request.params,
        headers: request.headers,
        body: request.body,
        variables: request.variables ?? [],
        captures: request.captures ?? [],
        auth: request.auth ?? 'inherit',
      },
      resolvedUrl: sent.resolvedUrl,
      response: result.ok
        ? {
            status: result.response.status,
            statusText: result.response.statusText,
            timeMs: result.response.timeMs,
            sizeBytes: result.response.sizeBytes,
            headers: result.response.headers,
            body: result.response.body.binary ? '' : result.response.body.preview,
            bodyTruncated: result.response.body.truncated,
            binary: result.response.body.binary,
          }
        : null,
      error: result.ok
        ? null
        : { code: result.error.code, message: result.error.message, ...(result.error.timeMs !== undefined ? { timeMs: result.error.timeMs } : {}) },
    },
    secrets,
  );
}
