import type { HistoryEntry } from '../../../shared/model/history';
import type { SendErrorCode, SendResult } from '../../../shared/model/httpRequest';

/** What the entry received, as the response view shows it, marked as recorded rather than fresh. */
export function recordedResult(entry: HistoryEntry): SendResult | undefined {
  const recorded = { time: entry.time, historyId: entry.id };
  if (entry.response) {
    const { response } = entry;
    const contentType = response.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    return {
      ok: true,
      recorded,
      response: {
        responseId: `history-${entry.id}`,
        status: entry.status ?? 0,
        statusText: response.statusText,
        timeMs: entry.timeMs ?? 0,
        sizeBytes: response.sizeBytes,
        headers: response.headers,
        contentType,
        url: entry.resolvedUrl,
        method: entry.method,
        body: {
          preview: response.body,
          truncated: response.bodyTruncated,
          binary: response.binary,
          previewLimit: new TextEncoder().encode(response.body).length,
        },
      },
    };
  }
  if (entry.error)
    return {
      ok: false,
      recorded,
      error: { code: entry.error.code as SendErrorCode, message: entry.error.message, ...(entry.timeMs !== null ? { timeMs: entry.timeMs } : {}) },
    };
  return undefined;
}
