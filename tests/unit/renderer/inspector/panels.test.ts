// The panels import the Monaco wrapper, whose `?worker` imports are typed by Vite's client types (as in tsconfig.renderer.json).
/// <reference types="vite/client" />
import { describe, expect, test } from 'vitest';
import { INSPECTOR_PANELS, panelsFor, type InspectorPanel } from '../../../../renderer/features/inspector/panels';
import { webhookEvent } from '../slices/fixtures';

/** The kinds of event the details must cope with; each panel says for which of them it shows. */
const EVENTS = {
  json: webhookEvent(),
  emptyBody: webhookEvent({ bodyText: '', sizeBytes: 0 }),
  notJson: webhookEvent({ bodyText: 'hello', json: { ok: false, error: 'Unexpected token' }, trigger: 'UNKNOWN' }),
  binary: webhookEvent({ bodyText: '', bodyBase64: '/w==', json: { ok: false, error: 'not UTF-8' } }),
  uncorrelated: webhookEvent({ correlation: {} }),
  replyOnly: webhookEvent({ correlation: { replyToMessageId: 'm0' }, trigger: 'MESSAGE_INBOUND' }),
  rejected: webhookEvent({ bodyText: '', rejected: { reason: 'too_large', message: 'Body over 1 MB' }, responseStatus: 413 }),
  unsigned: webhookEvent({ verdict: { kind: 'unsigned', details: { nonceSeenBefore: false } } }),
  unknownSecret: webhookEvent({ verdict: { kind: 'unknown_secret', details: { nonceSeenBefore: false } } }),
  replay: webhookEvent({ replayOf: '01J00000000000000000000000', verdict: { kind: 'replayed', details: { nonceSeenBefore: true } } }),
};

describe('inspector panel registry', () => {
  test('ids are unique, and so are the tab labels', () => {
    const ids = INSPECTOR_PANELS.map((p) => p.id);
    const labels = INSPECTOR_PANELS.map((p) => p.label);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(labels).size).toBe(labels.length);
  });

  test('the tabs keep the order and words users (and the e2e journeys) know', () => {
    expect(INSPECTOR_PANELS.map((p) => [p.id, p.label])).toEqual([
      ['signature', 'Signature'],
      ['body', 'Body'],
      ['raw', 'Raw'],
      ['timeline', 'Timeline'],
      ['replay', 'Replay'],
      ['diff', 'Diff'],
    ]);
  });

  test('every panel has a component', () => {
    for (const panel of INSPECTOR_PANELS) expect(typeof panel.Component).toBe('function');
  });

  // Each panel copes with every kind of event itself (an empty body, no id to follow…), so the tab row never changes under the user.
  describe.each(INSPECTOR_PANELS.map((p) => [p.id, p] as const))('%s applies to every kind of event', (_id, panel) => {
    test.each(Object.entries(EVENTS))('%s', (_kind, event) => {
      expect(panel.appliesTo(event)).toBe(true);
    });
  });

  test('the tab row is the same for every kind of event', () => {
    for (const event of Object.values(EVENTS)) expect(panelsFor(event).map((p) => p.id)).toEqual(INSPECTOR_PANELS.map((p) => p.id));
  });

  test('a panel that does not apply is left out, and the rest keep their order', () => {
    const onlyWithBody: InspectorPanel = { id: 'only-body', label: 'Only body', appliesTo: (e) => e.bodyText !== '', Component: () => null };
    const list = [INSPECTOR_PANELS[0]!, onlyWithBody, INSPECTOR_PANELS[1]!];
    expect(panelsFor(EVENTS.json, list).map((p) => p.id)).toEqual(['signature', 'only-body', 'body']);
    expect(panelsFor(EVENTS.emptyBody, list).map((p) => p.id)).toEqual(['signature', 'body']);
  });
});
