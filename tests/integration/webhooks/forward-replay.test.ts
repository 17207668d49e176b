import { afterEach, describe, expect, it } from 'vitest';
import { WebhookEventStore } from '../../../electron/backend/webhooks/eventStore';
import { replayEvent } from '../../../electron/backend/webhooks/replay';
import { fireSample, sampleCallback } from '../../../electron/backend/webhooks/samples';
import { signCallback } from '../../../electron/backend/webhooks/signature';
import { WEBHOOK_TRIGGERS, diffEvents } from '../../../shared/model/webhookEvent';
import { CallbackReceiver } from '../sandbox/helpers';
import { post, SECRET, startHarness, type Harness } from './helpers';

describe('forward, replay and samples', () => {
  let h: Harness | undefined;
  let target: CallbackReceiver | undefined;
  afterEach(async () => {
    await h?.close();
    await target?.close();
    h = undefined;
    target = undefined;
  });

  it('forwards every callback with identical bytes and headers (minus hop-by-hop) and records the target status', async () => {
    target = await new CallbackReceiver().start();
    target.respond = () => 201;
    h = await startHarness({ forwardTo: `${target.url}/my/handler` });
    const forwarded: string[] = [];
    // Keep the exact bytes, including whitespace a re-serialiser would drop.
    const s = sampleCallback('MESSAGE_INBOUND', { secret: SECRET });
    const body = `${s.body.replace('{', '{ ')}\n`;
    const headers = { ...s.headers, ...signCallback(SECRET, body).headers, 'X-Custom-Trace': 'abc' };
    expect(await post(`${h.url}in`, body, headers)).toBe(200);
    await h.listener.idle();
    const got = await target.waitFor('message');
    const cb = got[0];
    expect(cb?.raw.equals(Buffer.from(body))).toBe(true);
    expect(cb?.path).toBe('/my/handler');
    for (const [name, value] of Object.entries(headers)) expect(cb?.headers[name.toLowerCase()]).toBe(value);
    expect(cb?.headers['host']).toBe(new URL(target.url).host);
    const event = h.events[0];
    expect(event?.verdict.kind).toBe('valid');
    expect(event?.forwarded).toMatchObject({ target: `${target.url}/my/handler`, status: 201 });
    expect(event?.forwarded?.timeMs).toBeGreaterThanOrEqual(0);
    forwarded.push(event?.id ?? '');
    // The outcome is persisted with the event.
    await h.listener.stop();
    const reread = new WebhookEventStore(h.dataDir);
    await reread.load();
    expect(reread.get(forwarded[0] ?? '')?.forwarded?.status).toBe(201);
  });

  it('records an unreachable forward target as an error without failing the sender', async () => {
    h = await startHarness({ forwardTo: 'http://127.0.0.1:1/nothing' });
    expect(await post(h.url, '{}')).toBe(200);
    await h.listener.idle();
    expect(h.events[0]?.forwarded?.error).toMatch(/refused|ECONNREFUSED/i);
    expect(h.events[0]?.forwarded?.status).toBeUndefined();
  });

  it('replays a stored event as-is (replayed), edited and re-signed (valid), edited without re-signing (invalid)', async () => {
    h = await startHarness();
    const s = sampleCallback('MESSAGE_DELIVERY', { secret: SECRET });
    await post(`${h.url}orig?x=1`, s.body, s.headers);
    await h.listener.idle();
    const original = h.store.get(h.events[0]?.id ?? '');
    if (!original) throw new Error('not stored');
    const asIs = await replayEvent(original, `${h.url}orig`);
    expect(asIs.status).toBe(200);
    const edited = original.bodyText.replace('"DELIVERED"', '"FAILED"');
    await replayEvent(original, h.url, { body: edited, resign: { secret: SECRET } });
    await replayEvent(original, h.url, { body: edited });
    await h.listener.idle();
    const [, again, resigned, unsigned] = h.events;
    expect(again?.verdict.kind).toBe('replayed');
    expect(again?.bodyText).toBe(original.bodyText);
    expect(again?.replayOf).toBe(original.id);
    expect(resigned?.verdict.kind).toBe('valid');
    expect(resigned?.verdict.details.nonce).not.toBe(original.verdict.details.nonce);
    expect(resigned?.correlation.status).toBe('FAILED');
    expect(unsigned?.verdict.kind).toBe('invalid');
    expect(diffEvents(original, resigned ?? original)).toEqual([
      { path: '/message_delivery_report/status', kind: 'changed', before: 'DELIVERED', after: 'FAILED' },
    ]);
  });

  it('fires a signed sample of every trigger that the listener classifies back to that trigger', async () => {
    h = await startHarness();
    for (const trigger of WEBHOOK_TRIGGERS) {
      const result = await fireSample(`${h.url}samples`, trigger, { secret: SECRET, appId: '01SAMPLEAPP' });
      expect(result.status).toBe(200);
    }
    await fireSample(h.url, 'SMART_CONVERSATIONS');
    await h.listener.idle();
    expect(h.events.map((e) => e.trigger)).toEqual([...WEBHOOK_TRIGGERS, 'SMART_CONVERSATION']);
    expect(h.events.slice(0, -1).every((e) => e.verdict.kind === 'valid' && e.json.ok && e.correlation.appId === '01SAMPLEAPP')).toBe(true);
    expect(h.events.at(-1)?.verdict.kind).toBe('unsigned');
  });
});
