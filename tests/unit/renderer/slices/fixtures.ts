import type { CollectionsState, EnvironmentsState, ListenerState, SandboxStatus } from '../../../../shared/contract';
import type { WebhookEvent } from '../../../../shared/model/webhookEvent';
import { newRequestTemplate, type CollectionTree, type RequestTemplate } from '../../../../shared/model/collection';
import type { Environment } from '../../../../shared/model/environment';
import type { HistoryEntry } from '../../../../shared/model/history';

export function environment(change: Partial<Environment> = {}): Environment {
  return {
    id: 'env-1',
    name: 'Production',
    region: 'us',
    customBaseUrl: '',
    customTemplateUrl: '',
    projectId: 'project',
    appId: '',
    variables: [],
    auth: { mode: 'oauth2', tokenUrl: '', keyId: 'key' },
    ...change,
  };
}

export function environments(list: Environment[], activeId: string | null = list[0]?.id ?? null): EnvironmentsState {
  return { environments: list, activeId, problems: [] };
}

export function request(change: Partial<RequestTemplate> = {}): RequestTemplate {
  return { ...newRequestTemplate('req-1', 'List apps'), method: 'GET', url: 'https://example.com/v1/apps', ...change };
}

export function collection(change: Partial<CollectionTree> = {}): CollectionTree {
  return { id: 'col-1', name: 'Orders', description: '', variables: [], items: [], readOnly: false, ...change };
}

export function collections(list: CollectionTree[]): CollectionsState {
  return { collections: list, problems: [], workspaceDir: '/work/space' };
}

export function sandboxStatus(change: Partial<SandboxStatus> = {}): SandboxStatus {
  return { running: true, urls: null, authUrl: null, demo: { projectId: 'p', keyId: 'k' }, statePath: null, notice: null, ...change };
}

export function historyEntry(change: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: 'h-1',
    time: '2026-01-01T10:00:00.000Z',
    name: 'List apps',
    method: 'GET',
    url: '{{base}}/v1/apps',
    resolvedUrl: 'https://example.com/v1/apps',
    status: 200,
    timeMs: 12,
    environmentName: 'Production',
    collectionId: null,
    errorCode: null,
    request: {
      method: 'GET',
      url: '{{base}}/v1/apps',
      params: [],
      headers: [],
      body: { mode: 'none', text: '' },
      variables: [],
      captures: [],
      auth: 'inherit',
    },
    response: {
      statusText: 'OK',
      headers: [{ name: 'content-type', value: 'application/json' }],
      body: '{"apps":[]}',
      bodyTruncated: false,
      binary: false,
      sizeBytes: 11,
    },
    error: null,
    ...change,
  };
}

/** A stored callback as the inspector receives it; override what a test is about. */
export function webhookEvent(change: Partial<WebhookEvent> = {}): WebhookEvent {
  return {
    id: '01J00000000000000000000001',
    receivedAt: '2026-01-01T10:00:00.000Z',
    method: 'POST',
    path: '/hook',
    query: '',
    headers: [{ name: 'content-type', value: 'application/json' }],
    bodyText: '{"message_delivery_report":{"message_id":"m1","status":"DELIVERED"}}',
    sizeBytes: 66,
    contentType: 'application/json',
    responseStatus: 200,
    rejected: null,
    json: { ok: true },
    trigger: 'MESSAGE_DELIVERY',
    summary: 'DELIVERED',
    correlation: { messageId: 'm1', conversationId: 'c1' },
    verdict: { kind: 'valid', secretLabel: 'hook', details: { nonceSeenBefore: false } },
    ...change,
  };
}

/** A running listener as the backend reports it; override what a test is about. */
export function listenerState(change: Partial<ListenerState> = {}): ListenerState {
  return {
    listening: true,
    host: '127.0.0.1',
    port: 3737,
    url: 'http://127.0.0.1:3737/',
    reply: { status: 200, body: '', contentType: 'text/plain', delayMs: 0 },
    maxBodyBytes: 1024 * 1024,
    forwardTo: null,
    received: 0,
    rejected: 0,
    pointedAtBy: [],
    ...change,
  };
}
