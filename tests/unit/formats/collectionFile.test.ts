import { describe, expect, test } from 'vitest';
import { orderEntries, requestFileText, slugify, uniqueEntryName } from '../../../shared/formats/collectionFile';
import { newRequestTemplate } from '../../../shared/model/collection';

describe('collection file names and order', () => {
  test('slugs are lower-case ASCII, dash-separated, bounded, and never empty or reserved', () => {
    expect(slugify('Send a text message!')).toBe('send-a-text-message');
    expect(slugify('  Créer une app — WhatsApp ')).toBe('creer-une-app-whatsapp');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('***', 'request')).toBe('request');
    expect(slugify('CON')).toBe('con-1');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
  });

  test('unique names add -2, -3… case-insensitively', () => {
    expect(uniqueEntryName('apps', '.request.json', ['Apps.request.json', 'apps-2.request.json'])).toBe('apps-3.request.json');
    expect(uniqueEntryName('apps', '', ['other'])).toBe('apps');
  });

  test('saved order first, then unknown entries by display name; missing entries dropped', () => {
    const names: Record<string, string> = { 'b.request.json': 'Zulu', 'c.request.json': 'Alpha', d: 'Mike' };
    expect(orderEntries(['d', 'gone.request.json', 'd'], ['b.request.json', 'c.request.json', 'd'], (e) => names[e] ?? e)).toEqual([
      'd',
      'c.request.json',
      'b.request.json',
    ]);
  });

  test('request files hold only the template, keys in a fixed order', () => {
    const extra = { ...newRequestTemplate('r1', 'Ping'), secret: 'nope' } as ReturnType<typeof newRequestTemplate>;
    const text = requestFileText(extra);
    expect(text).not.toContain('nope');
    expect(text.endsWith('\n')).toBe(true);
    expect(Object.keys((JSON.parse(text) as { request: object }).request)).toEqual([
      'id',
      'name',
      'description',
      'method',
      'url',
      'params',
      'headers',
      'body',
      'variables',
      'captures',
      'auth',
    ]);
  });
});
