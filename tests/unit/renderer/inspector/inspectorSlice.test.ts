import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { HistoryEntry } from '../../../../shared/model/history';
import type { StoreState } from '../../../../renderer/store';
import type { WebhookEventSummary } from '../../../../shared/model/webhookEvent';
import { summaryOfEvent } from '../../../../shared/model/webhookEvent';
import { deferred, type fakeContract } from '../slices/fakeContract';
import { listenerState, webhookEvent } from '../slices/fixtures';

// The slices reach the backend only through renderer/api.ts: the store under test talks to a fake instead.
const backend = vi.hoisted(() => ({ current: null as ReturnType<typeof fakeContract> | null }));
vi.mock('../../../../renderer/api', async (importOriginal) => {
  const original = await importOriginal<Record<string, unknown>>();
  const { fakeContract: make } = await import('../slices/fakeContract');
  backend.current = make();
  return { ...original, api: backend.current.client };
});

const { useStore } = await import('../../../../renderer/store');
const fake = (): ReturnType<typeof fakeContract> => {
  if (!backend.current) throw new Error('the api mock was not installed');
  return backend.current;
};
const initial = useStore.getState();
const state = () => useStore.getState();
const errors = (): string[] =>
  state()
    .toasts.filter((t) => t.kind === 'error')
    .map((t) => t.message);
const infos = (): string[] =>
  state()
    .toasts.filter((t) => t.kind === 'info')
    .map((t) => t.message);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  useStore.setState(initial, true);
  fake().answer({});
});
afterEach(() => {
  vi.useRealTimers();
});

describe('loadEventDetails', () => {
  test('shows loading, then the event', async () => {
    const event = webhookEvent();
    const answer = deferred<typeof event>();
    fake().answer({ 'webhooks.get': () => answer.promise });
    const done = state().loadEventDetails(event.id);
    expect(state().eventDetails).toEqual({ id: event.id, event: null });
    answer.resolve(event);
    await done;
    expect(state().eventDetails).toEqual({ id: event.id, event });
    expect(fake().callsTo('webhooks.get')).toEqual([{ id: event.id }]);
  });

  test('an answer for an event no longer selected is dropped', async () => {
    const first = webhookEvent({ id: 'a' });
    const second = webhookEvent({ id: 'b' });
    const late = deferred<typeof first>();
    fake().answer({ 'webhooks.get': ({ id }) => (id === 'a' ? late.promise : second) });
    const slow = state().loadEventDetails('a');
    await state().loadEventDetails('b');
    late.resolve(first);
    await slow;
    expect(state().eventDetails).toEqual({ id: 'b', event: second });
  });

  test('a failure is said in a toast, and the details stay loading', async () => {
    fake().answer({ 'webhooks.get': () => Promise.reject(new Error('Event not found')) });
    await state().loadEventDetails('gone');
    expect(state().eventDetails).toEqual({ id: 'gone', event: null });
    expect(errors()).toEqual(['Event not found']);
  });
});

describe('loadEventTimeline', () => {
  const summary = (id: string): WebhookEventSummary => summaryOfEvent(webhookEvent({ id }));

  test('follows the message id first', async () => {
    fake().answer({ 'webhooks.timeline': () => [summary('x'), summary('y')] });
    const event = webhookEvent({ correlation: { messageId: 'm1', conversationId: 'c1', replyToMessageId: 'm0' } });
    await state().loadEventTimeline(event);
    expect(fake().callsTo('webhooks.timeline')).toEqual([{ messageId: 'm1' }]);
    expect(state().eventTimeline).toEqual({ eventId: event.id, items: [summary('x'), summary('y')] });
  });

  test('then the message a reply answers, then the conversation', async () => {
    fake().answer({ 'webhooks.timeline': () => [] });
    await state().loadEventTimeline(webhookEvent({ correlation: { replyToMessageId: 'm0', conversationId: 'c1' } }));
    await state().loadEventTimeline(webhookEvent({ correlation: { conversationId: 'c1' } }));
    expect(fake().callsTo('webhooks.timeline')).toEqual([{ messageId: 'm0' }, { conversationId: 'c1' }]);
  });

  test('asks nothing for an event with no id to follow', async () => {
    await state().loadEventTimeline(webhookEvent({ correlation: {} }));
    expect(fake().methodsCalled()).toEqual([]);
    expect(state().eventTimeline).toBeNull();
  });

  test("another event's late timeline is dropped", async () => {
    const late = deferred<WebhookEventSummary[]>();
    fake().answer({ 'webhooks.timeline': ({ messageId }) => (messageId === 'slow' ? late.promise : [summary('mine')]) });
    const slow = state().loadEventTimeline(webhookEvent({ id: 'a', correlation: { messageId: 'slow' } }));
    await state().loadEventTimeline(webhookEvent({ id: 'b', correlation: { messageId: 'fast' } }));
    late.resolve([summary('theirs')]);
    await slow;
    expect(state().eventTimeline).toEqual({ eventId: 'b', items: [summary('mine')] });
  });
});

describe('openRequestThatSent', () => {
  const entry: HistoryEntry = {
    id: 'h1',
    time: '2026-01-01T09:59:00.000Z',
    method: 'POST',
    url: '{{base}}/messages:send',
    resolvedUrl: 'https://us.conversation.api.sinch.com/v1/projects/p/messages:send',
    name: 'Send text',
    environmentName: null,
    collectionId: null,
    status: 200,
    errorCode: null,
    timeMs: 120,
    request: {
      method: 'POST',
      url: '{{base}}/messages:send',
      params: [],
      headers: [],
      body: { mode: 'json', text: '{"message":{}}' },
      variables: [],
      captures: [],
      auth: 'inherit',
    },
    response: null,
    error: null,
  };

  test('opens the request from history in a tab and shows the requests view', async () => {
    const openRequest = vi.fn<StoreState['openRequest']>();
    useStore.setState({ openRequest, view: 'webhooks' });
    fake().answer({
      'history.list': () => ({ entries: [entry], total: 1 }),
      'history.get': () => entry,
    });
    await state().openRequestThatSent('m1');
    expect(fake().callsTo('history.list')).toEqual([{ query: 'm1', limit: 1, offset: 0 }]);
    expect(fake().callsTo('history.get')).toEqual([{ id: 'h1' }]);
    expect(openRequest).toHaveBeenCalledTimes(1);
    const [request, origin] = openRequest.mock.calls[0] ?? [];
    expect(request).toMatchObject({ name: 'Send text', ...entry.request });
    expect(origin).toEqual({ kind: 'history', entryId: 'h1' });
    expect(state().view).toBe('requests');
  });

  test('says so when no request in history sent the message', async () => {
    const openRequest = vi.fn();
    useStore.setState({ openRequest, view: 'webhooks' });
    fake().answer({ 'history.list': () => ({ entries: [], total: 0 }) });
    await state().openRequestThatSent('m9');
    expect(infos()).toEqual(['No request in history mentions m9: it was not sent from this explorer (or history was cleared).']);
    expect(openRequest).not.toHaveBeenCalled();
    expect(state().view).toBe('webhooks');
  });
});

describe('loadReplaySecrets', () => {
  test("keeps the environment's webhook secret names", async () => {
    fake().answer({ 'credentials.list': () => ({ accessKeySecret: true, webhookSecrets: ['hook', 'app'] }) });
    await state().loadReplaySecrets('env1');
    expect(fake().callsTo('credentials.list')).toEqual([{ environmentId: 'env1' }]);
    expect(state().replaySecrets).toEqual({ environmentId: 'env1', secrets: { accessKeySecret: true, webhookSecrets: ['hook', 'app'] } });
  });

  test('an unreadable list leaves nothing to re-sign with, without a toast', async () => {
    fake().answer({ 'credentials.list': () => Promise.reject(new Error('keychain locked')) });
    await state().loadReplaySecrets('env1');
    expect(state().replaySecrets).toEqual({ environmentId: 'env1', secrets: null });
    expect(state().toasts).toEqual([]);
  });
});

describe('replayEvent, diffEvents, fireSample', () => {
  test('a replay is sent as asked and its outcome returned', async () => {
    fake().answer({ 'webhooks.replay': () => ({ status: 200, timeMs: 12 }) });
    const request = { id: 'e1', target: 'listener', body: '{}', resign: { environmentId: 'env1', name: 'hook' } };
    await expect(state().replayEvent(request)).resolves.toEqual({ status: 200, timeMs: 12 });
    expect(fake().callsTo('webhooks.replay')).toEqual([request]);
  });

  test('a replay the backend refuses is a toast and no outcome', async () => {
    fake().answer({ 'webhooks.replay': () => Promise.reject(new Error('Target must be http(s)')) });
    await expect(state().replayEvent({ id: 'e1', target: 'ftp://x' })).resolves.toBeUndefined();
    expect(errors()).toEqual(['Target must be http(s)']);
  });

  test('a diff compares the chosen event with the shown one', async () => {
    fake().answer({ 'webhooks.diff': () => [{ path: 'status', kind: 'changed', before: 'QUEUED_ON_CHANNEL', after: 'DELIVERED' }] });
    await expect(state().diffEvents('older', 'shown')).resolves.toEqual({
      entries: [{ path: 'status', kind: 'changed', before: 'QUEUED_ON_CHANNEL', after: 'DELIVERED' }],
    });
    expect(fake().callsTo('webhooks.diff')).toEqual([{ a: 'older', b: 'shown' }]);
  });

  test('a diff the backend refuses (a body nested too deep) is returned for the panel to show, not a toast', async () => {
    const message = "This callback's body is JSON nested deeper than 64 levels (at character 64): Diff compares JSON up to that depth.";
    fake().answer({ 'webhooks.diff': () => Promise.reject(new Error(message)) });
    await expect(state().diffEvents('older', 'shown')).resolves.toEqual({ error: message });
    expect(state().toasts).toEqual([]);
  });

  test('a sample that the listener could not take is said to the dialog that fired it', async () => {
    fake().answer({ 'webhooks.fireSample': () => ({ error: 'connect ECONNREFUSED', timeMs: 0 }) });
    await expect(state().fireSample('MESSAGE_DELIVERY')).resolves.toBe('The listener did not take the sample: connect ECONNREFUSED');
    expect(fake().callsTo('webhooks.fireSample')).toEqual([{ trigger: 'MESSAGE_DELIVERY' }]);
    expect(state().toasts).toEqual([]);
  });

  test('a sample that arrived says nothing; a signed one names its secret, and the choice is remembered', async () => {
    fake().answer({ 'webhooks.fireSample': () => ({ status: 200, timeMs: 3 }) });
    const sign = { environmentId: 'env1', name: 'webhook_secret', kind: 'variable' } as const;
    await expect(state().fireSample('MESSAGE_INBOUND', sign)).resolves.toBeNull();
    expect(fake().callsTo('webhooks.fireSample')).toEqual([{ trigger: 'MESSAGE_INBOUND', sign }]);
    expect(state().lastSample).toEqual({ trigger: 'MESSAGE_INBOUND', sign });
    expect(state().toasts).toEqual([]);
  });

  test('a secret that is gone is said to the dialog too', async () => {
    fake().answer({
      'webhooks.fireSample': () => Promise.reject(new Error('No padlocked variable {{x}} is stored for that environment: pick another secret.')),
    });
    await expect(state().fireSample('MESSAGE_DELIVERY', { sandboxWebhookId: 'w1' })).resolves.toMatch(/pick another secret/);
  });

  test('the secrets to sign with are read by name; unreadable, the list is empty', async () => {
    const choices = [{ ref: { sandboxWebhookId: 'w1' }, label: 'sandbox webhook w1 (app a1)', kind: 'sandbox-webhook' as const }];
    fake().answer({ 'webhooks.signingSecrets': () => choices });
    await state().loadSigningSecrets();
    expect(state().signingSecrets).toEqual(choices);
    fake().answer({ 'webhooks.signingSecrets': () => Promise.reject(new Error('keychain locked')) });
    await state().loadSigningSecrets();
    expect(state().signingSecrets).toEqual([]);
    expect(state().toasts).toEqual([]);
  });
});

describe('the event list', () => {
  const listener = listenerState();
  const row = (id: string, change: Partial<WebhookEventSummary> = {}): WebhookEventSummary => ({ ...summaryOfEvent(webhookEvent({ id })), ...change });
  const settle = () => vi.waitFor(() => expect(fake().callsTo('webhooks.query').length).toBeGreaterThan(0));

  test('loadInspector reads the listener and the first page', async () => {
    fake().answer({ 'webhooks.status': () => listener, 'webhooks.query': () => ({ events: [row('a')], total: 1 }) });
    await state().loadInspector();
    expect(state().listener).toEqual(listener);
    expect(state().webhookPages).toEqual({ 0: [row('a')] });
    expect(state().webhookTotal).toBe(1);
    expect(fake().callsTo('webhooks.query')).toEqual([{ filter: {}, offset: 0, limit: 100 }]);
  });

  test('a new filter drops the rows and the selection, and asks again with it', async () => {
    useStore.setState({ webhookPages: { 0: [row('a')] }, selectedEventId: 'a' });
    fake().answer({ 'webhooks.query': () => ({ events: [], total: 0 }) });
    state().setWebhookFilter({ verdicts: ['invalid'] });
    expect(state().selectedEventId).toBeNull();
    await settle();
    expect(fake().callsTo('webhooks.query')).toEqual([{ filter: { verdicts: ['invalid'] }, offset: 0, limit: 100 }]);
  });

  test('a received event is counted; while paused it waits as "N new" instead of moving the list', async () => {
    useStore.setState({ listener, view: 'requests', paused: true });
    fake().answer({ 'webhooks.query': () => ({ events: [row('a')], total: 1 }) });
    state().onWebhooksReceived({ count: 1, events: [row('a')] });
    expect(state().unseenEvents).toBe(1);
    expect(state().listener?.received).toBe(1);
    expect(state().pendingEvents).toBe(1);
    expect(fake().methodsCalled()).toEqual([]);
    state().setPaused(false);
    await vi.waitFor(() => expect(state().pendingEvents).toBe(0));
    expect(state().webhookPages).toEqual({ 0: [row('a')] });
  });

  test('a flood of notices reads the list one query at a time: one in flight, at most one more after it', async () => {
    const answer = deferred<{ events: WebhookEventSummary[]; total: number }>();
    let calls = 0;
    fake().answer({
      'webhooks.query': () => {
        calls += 1;
        return calls === 1 ? answer.promise : { events: [row('b'), row('a')], total: 2 };
      },
    });
    for (let i = 0; i < 20; i++) state().onWebhooksReceived({ count: 500, events: [row('b')] });
    expect(calls).toBe(1);
    expect(state().listener).toBeNull();
    answer.resolve({ events: [row('a')], total: 1 });
    await vi.waitFor(() => expect(state().webhookTotal).toBe(2));
    expect(calls).toBe(2);
  });

  test('with a text filter a notice re-reads the list (the backend searches the bodies)', async () => {
    useStore.setState({ webhookFilter: { text: 'hello' } });
    fake().answer({ 'webhooks.query': () => ({ events: [], total: 0 }) });
    state().onWebhooksReceived({ count: 1, events: [row('a', { summary: 'nothing here' })] });
    await settle();
    expect(fake().callsTo('webhooks.query')).toEqual([{ filter: { text: 'hello' }, offset: 0, limit: 100 }]);
  });

  test('a received event outside the filter leaves the list alone', () => {
    useStore.setState({ webhookFilter: { triggers: ['MESSAGE_INBOUND'] } });
    state().onWebhooksReceived({ count: 1, events: [row('a', { trigger: 'MESSAGE_DELIVERY' })] });
    expect(fake().methodsCalled()).toEqual([]);
  });

  test('Clear deletes every event, drops the selection and reads the empty list', async () => {
    useStore.setState({ webhookPages: { 0: [row('a')] }, webhookTotal: 1, selectedEventId: 'a' });
    fake().answer({ 'webhooks.clear': () => ({ cleared: 1 }), 'webhooks.query': () => ({ events: [], total: 0 }) });
    await state().clearEvents();
    expect(fake().callsTo('webhooks.clear')).toEqual([undefined]);
    expect(state().selectedEventId).toBeNull();
    expect(state().webhookTotal).toBe(0);
  });
});

describe('loadWebhookRange', () => {
  test('a page being read is not asked for again; once read it is kept, and a reset store asks afresh', async () => {
    const answer = deferred<{ events: WebhookEventSummary[]; total: number }>();
    fake().answer({ 'webhooks.query': () => answer.promise });
    void state().loadWebhookRange(100, 150);
    void state().loadWebhookRange(120, 180);
    expect(fake().callsTo('webhooks.query')).toHaveLength(1);
    answer.resolve({ events: [summaryOfEvent(webhookEvent())], total: 150 });
    await vi.waitFor(() => expect(state().webhookPages[1]).toHaveLength(1));
    expect(state().webhookPagesLoading).toEqual({});
    void state().loadWebhookRange(100, 150);
    expect(fake().callsTo('webhooks.query')).toHaveLength(1);
    // What is being read is store state: a store reset while a read is under way (a test's beforeEach) asks afresh.
    useStore.setState(initial, true);
    fake().answer({ 'webhooks.query': () => deferred<{ events: WebhookEventSummary[]; total: number }>().promise });
    void state().loadWebhookRange(100, 150);
    useStore.setState(initial, true);
    void state().loadWebhookRange(100, 150);
    // (answer() starts the count of calls afresh.)
    expect(fake().callsTo('webhooks.query')).toHaveLength(2);
  });
});
