import { describe, expect, test } from 'vitest';
import { BUILTIN_COLLECTION } from '../../../shared/catalog';
import { newRequestTemplate, type CollectionTree } from '../../../shared/model/collection';
import { MAX_QUERY_WORDS, matchEntry, prepareEntry, prepareQuery, rankEntries, type PreparedEntry } from '../../../renderer/features/palette/fuzzy';
import { paletteEntries } from '../../../renderer/features/palette/entries';

const catalog = paletteEntries([BUILTIN_COLLECTION]);
const names = (query: string, collections = catalog): string[] => rankEntries(collections, query).map((r) => r.item.request.name);

const own: CollectionTree = {
  id: 'mine',
  name: 'Shop',
  description: '',
  variables: [],
  readOnly: false,
  items: [
    {
      kind: 'folder',
      id: 'f',
      name: 'Refunds',
      description: '',
      items: [
        {
          kind: 'request',
          request: {
            ...newRequestTemplate('a', 'Notify customer'),
            method: 'POST',
            url: '{{shop_url}}/notifications',
            description: 'Tells the customer the parcel is late.',
          },
        },
        { kind: 'request', request: { ...newRequestTemplate('b', 'Late parcel list'), method: 'GET', url: '{{shop_url}}/parcels?late=true' } },
      ],
    },
  ],
};

describe('command palette matching', () => {
  test('"composing" finds the typing indicator event by what it sends, though the word is not in its name', () => {
    const hits = rankEntries(catalog, 'composing');
    expect(hits[0]?.item.request.name).toBe('Send typing indicator on');
    expect(hits[0]?.match.field).toBe('body');
    expect(hits.map((h) => h.item.request.name)).toContain('Send typing indicator off');
  });

  test('a name match ranks above a description-only match', () => {
    // "parcel" is in the name of one request and only in the description of the other.
    expect(names('parcel', paletteEntries([own]))).toEqual(['Late parcel list', 'Notify customer']);
    expect(rankEntries(paletteEntries([own]), 'parcel')[1]?.match.field).toBe('description');
  });

  test('every word must match somewhere: method, folder, URL and name combine', () => {
    const mine = paletteEntries([own]);
    expect(names('post refunds', mine)).toEqual(['Notify customer']);
    expect(names('get refunds', mine)).toEqual(['Late parcel list']);
    expect(names('notifications', mine)).toEqual(['Notify customer']);
    expect(rankEntries(mine, 'notifications')[0]?.match.field).toBe('url');
    expect(names('delete refunds', mine)).toEqual([]);
  });

  test('catalog requests are found by method and folder: "delete webhook" puts Delete webhook first', () => {
    expect(names('delete webhook')[0]).toBe('Delete webhook');
    expect(names('create app')[0]).toBe('Create app');
    expect(names('send choice')[0]).toMatch(/choice/i);
  });

  test('scattered letters of a name still match, as before ("crapp" → Create app)', () => {
    expect(names('crapp')).toContain('Create app');
  });

  test('nonsense matches nothing; an empty query lists every request in tree order', () => {
    expect(names('zzqxv')).toEqual([]);
    expect(rankEntries(catalog, '', 10_000).map((r) => r.item.request.id)).toEqual(catalog.map((e) => e.item.request.id));
    // The list shows the first 60 by default.
    expect(rankEntries(catalog, '')).toHaveLength(Math.min(60, catalog.length));
  });

  test('a pasted page of 3 000 words is searched by its first distinct words, each word at most once, stopping at the first miss', () => {
    // Issue 19: over 5 000 requests this blocked the page for 10 s. The work is bounded before it
    // starts: count what the matcher reads instead of timing it.
    const words = ['send', 'message', 'contact', 'conversation', 'app', 'webhook', 'event', 'template', 'channel', 'delivery'];
    const pasted = Array.from({ length: 3000 }, (_, i) => `${words[i % words.length] ?? ''}${i >= 1000 ? i : ''}`).join(' ');
    let reads = 0;
    const fields = prepareEntry({
      name: 'Send message',
      method: 'POST',
      url: '{{base_url}}/v1/messages:send',
      path: 'Sinch / Messages',
      description: 'Sends a message to a contact',
      body: '{"app_id":"x"}',
    });
    const counting = new Proxy(fields, {
      get(target, key: keyof PreparedEntry) {
        reads++;
        return target[key];
      },
    });
    matchEntry(counting, pasted);
    expect(reads).toBeLessThan(100);
    const prepared = prepareQuery(pasted);
    expect(prepared.tokens).toHaveLength(MAX_QUERY_WORDS);
    expect(prepared.truncated).toBe(true);
    expect(prepareQuery('create  app create').tokens).toEqual(['create', 'app']);
    expect(prepareQuery('create app').truncated).toBe(false);
    // What is left of the query still finds what its first words name.
    expect(names(`create app ${'create app '.repeat(1500)}`)[0]).toBe('Create app');
  });

  test('only the start of a large body is searched', () => {
    const body = `${'x'.repeat(10_000)} needle`;
    const entry = prepareEntry({ name: 'Big', method: 'POST', url: '', path: 'C', description: '', body });
    expect(matchEntry(entry, 'needle')).toBeNull();
    expect(matchEntry(prepareEntry({ name: 'Small', method: 'POST', url: '', path: 'C', description: '', body: '{"needle": 1}' }), 'needle')?.field).toBe(
      'body',
    );
  });
});
