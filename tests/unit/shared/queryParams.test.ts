import { describe, expect, test } from 'vitest';
import { paramsFromUrl, urlFromParams } from '../../../shared/queryParams';

describe('URL and params table stay in step', () => {
  test('typing a query string fills the table, keeping variables as typed', () => {
    expect(paramsFromUrl('{{base_url}}/m?page_size=10&app_id={{app_id}}&flag', [])).toEqual([
      { key: 'page_size', value: '10', enabled: true },
      { key: 'app_id', value: '{{app_id}}', enabled: true },
      { key: 'flag', value: '', enabled: true },
    ]);
  });

  test('disabled rows stay in the table when the URL changes, and are not put into the URL', () => {
    const params = [
      { key: 'a', value: '1', enabled: true },
      { key: 'off', value: 'x', enabled: false },
    ];
    const url = urlFromParams('http://h/p?a=1#frag', params);
    expect(url).toBe('http://h/p?a=1#frag');
    expect(paramsFromUrl('http://h/p?a=2&b=3', params)).toEqual([
      { key: 'a', value: '2', enabled: true },
      { key: 'off', value: 'x', enabled: false },
      { key: 'b', value: '3', enabled: true },
    ]);
  });

  test('removing the last param removes the question mark', () => {
    expect(urlFromParams('http://h/p?a=1', [])).toBe('http://h/p');
  });
});
