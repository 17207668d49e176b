import { z } from 'zod';
import { KeyValueSchema } from './keyValue';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const BODY_MODES = ['none', 'json', 'text'] as const;
export type BodyMode = (typeof BODY_MODES)[number];

/** A request as the editor holds it: variables still unresolved. */
export const HttpRequestDraftSchema = z.object({
  method: z.enum(HTTP_METHODS),
  url: z.string().max(64 * 1024),
  /** Mirrors the URL's query string; disabled rows live only here. */
  params: z.array(KeyValueSchema).max(500),
  headers: z.array(KeyValueSchema).max(500),
  body: z.object({
    mode: z.enum(BODY_MODES),
    text: z.string().max(20 * 1024 * 1024),
  }),
});
export type HttpRequestDraft = z.infer<typeof HttpRequestDraftSchema>;

export function emptyRequest(): HttpRequestDraft {
  return { method: 'GET', url: '', params: [], headers: [], body: { mode: 'none', text: '' } };
}

export interface ResponseHeader {
  name: string;
  value: string;
}

export interface HttpResponseSummary {
  /** Handle for reading the full body later (the page gets only a preview). */
  responseId: string;
  status: number;
  statusText: string;
  /** Milliseconds from sending to the last body byte. */
  timeMs: number;
  /** Body size in bytes as received after decoding any Content-Encoding. */
  sizeBytes: number;
  headers: ResponseHeader[];
  contentType: string;
  /** The URL actually requested, with variables resolved. */
  url: string;
  method: HttpMethod;
  body: {
    /** UTF-8 text of at most `previewLimit` bytes; empty for binary bodies. */
    preview: string;
    truncated: boolean;
    binary: boolean;
    previewLimit: number;
  };
}

export type SendErrorCode = 'AUTH' | 'UNRESOLVED_VARIABLES' | 'INVALID_URL' | 'INVALID_BODY' | 'TIMEOUT' | 'CANCELLED' | 'NETWORK' | 'TOO_LARGE';

export interface SendError {
  code: SendErrorCode;
  message: string;
  /** For UNRESOLVED_VARIABLES: the names, in order of first use. */
  variables?: string[];
  timeMs?: number;
}

export interface CaptureReport {
  captured: { variable: string; value: string }[];
  missed: { variable: string; reason: string }[];
  /** Where captured values went: the active environment (saved to its file) or the session. */
  target: 'environment' | 'session';
}

/** What happened on the way, in order: token fetches, the request, a retry after a 401. No secrets. */
export interface TimelineEntry {
  kind: 'token' | 'request' | 'retry';
  label: string;
  status?: number;
  timeMs: number;
  fromCache?: boolean;
}

/** Set on a result reopened from history: when it was received, not a fresh answer. */
export interface RecordedResult {
  time: string;
  historyId: string;
}

/**
 * `warnings`: what the user should know about this send besides its answer (a padlocked value too
 * short to hide inside other text, a send that could not be written to History).
 */
export type SendResult =
  | { ok: true; response: HttpResponseSummary; captures?: CaptureReport; timeline?: TimelineEntry[]; recorded?: RecordedResult; warnings?: string[] }
  | { ok: false; error: SendError; timeline?: TimelineEntry[]; recorded?: RecordedResult; warnings?: string[] };
