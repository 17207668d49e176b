import type { HttpMethod } from './httpRequest';

/** One line of the history list. */
export interface HistorySummary {
  id: string;
  /** ISO time the request was sent. */
  time: string;
  method: HttpMethod;
  /** The URL as typed, with {{variables}}. */
  url: string;
  resolvedUrl: string;
  name: string;
  environmentName: string | null;
  status: number | null;
  errorCode: string | null;
  timeMs: number | null;
}

/** A history entry in full, to reopen as a new request. Secret header values are stored masked. */
export interface HistoryEntry extends HistorySummary {
  request: {
    method: HttpMethod;
    url: string;
    params: { key: string; value: string; enabled: boolean }[];
    headers: { key: string; value: string; enabled: boolean }[];
    body: { mode: 'none' | 'json' | 'text'; text: string };
  };
  response: {
    headers: { name: string; value: string }[];
    sizeBytes: number;
    body: string;
    bodyTruncated: boolean;
  } | null;
  error: { code: string; message: string } | null;
}
