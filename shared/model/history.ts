import type { Capture } from './collection';
import type { HttpMethod } from './httpRequest';
import type { KeyValue } from './keyValue';

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
  /**
   * The collection the request was sent from (its variables were in scope), or null. A reopened
   * entry is sent with that collection's variables again while the collection exists.
   */
  collectionId: string | null;
  status: number | null;
  errorCode: string | null;
  timeMs: number | null;
}

/**
 * A history entry in full, to reopen as a new request. Secret header values are stored masked,
 * padlocked variable values redacted. Lines written before a field existed read with its default.
 */
export interface HistoryEntry extends HistorySummary {
  request: {
    method: HttpMethod;
    url: string;
    params: { key: string; value: string; enabled: boolean }[];
    headers: { key: string; value: string; enabled: boolean }[];
    body: { mode: 'none' | 'json' | 'text'; text: string };
    /** Request-scope variables, as sent. */
    variables: KeyValue[];
    captures: Capture[];
    auth: 'inherit' | 'none';
  };
  response: {
    statusText: string;
    headers: { name: string; value: string }[];
    sizeBytes: number;
    /** A preview, capped (see `bodyTruncated`); empty for binary bodies. */
    body: string;
    bodyTruncated: boolean;
    binary: boolean;
  } | null;
  error: { code: string; message: string } | null;
}
