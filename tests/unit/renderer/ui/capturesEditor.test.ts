// @vitest-environment jsdom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CapturesEditor } from '../../../../renderer/features/requests/CapturesEditor';
import type { Capture } from '../../../../shared/model/collection';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let host: HTMLDivElement;
let root: Root;
/** What the editor last handed up; the editor is shown again with it, as the request slice does. */
let captures: Capture[];

function show(next: Capture[]): void {
  captures = next;
  act(() => root.render(createElement(CapturesEditor, { captures, onChange: show })));
}

const cells = (): HTMLElement[] => [...host.querySelectorAll<HTMLElement>('tbody tr')];
const inputsOf = (row: HTMLElement): HTMLInputElement[] => [...row.querySelectorAll<HTMLInputElement>('input[type="text"]')];

/** Types into an input as React sees it (its value setter, then an input event). */
function type(input: HTMLInputElement, text: string): void {
  const descriptor = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  act(() => {
    descriptor?.set?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

function choose(select: HTMLSelectElement, value: string): void {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

beforeEach(() => {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

/** The Captures tab on the shared key/value table: the same rows, sources and hints as before it moved there. */
describe('CapturesEditor', () => {
  test('typing into the trailing row adds a capture from a body field, and a new trailing row', () => {
    show([]);
    expect(host.querySelector('table')?.getAttribute('aria-label')).toBe('Captures');
    expect([...host.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['', 'Set variable', 'From', 'Field or header', '']);
    const [variable] = inputsOf(cells()[0] as HTMLElement);
    expect(variable?.placeholder).toBe('e.g. app_id');
    type(variable as HTMLInputElement, 'app_id');
    expect(captures).toEqual([{ variable: 'app_id', from: 'body', path: '', enabled: true }]);
    expect(cells()).toHaveLength(2);
    type(inputsOf(cells()[0] as HTMLElement)[1] as HTMLInputElement, 'id');
    expect(captures).toEqual([{ variable: 'app_id', from: 'body', path: 'id', enabled: true }]);

    // Emptied, a row stays (it is removed with its button); only the trailing row is never kept empty.
    type(inputsOf(cells()[0] as HTMLElement)[0] as HTMLInputElement, '');
    type(inputsOf(cells()[0] as HTMLElement)[1] as HTMLInputElement, '');
    expect(captures).toEqual([{ variable: '', from: 'body', path: '', enabled: true }]);
    expect(cells()).toHaveLength(2);
  });

  test('the source changes the field hint; a status code needs no field', () => {
    show([{ variable: 'loc', from: 'body', path: '', enabled: true }]);
    const row = (): HTMLElement => cells()[0] as HTMLElement;
    const path = (): HTMLInputElement => inputsOf(row())[1] as HTMLInputElement;
    expect(path().placeholder).toBe('e.g. id or contacts.0.id');
    const select = row().querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ['body', 'Body field'],
      ['header', 'Header'],
      ['status', 'Status code'],
    ]);
    choose(select, 'header');
    expect(captures[0]?.from).toBe('header');
    expect(path().placeholder).toBe('e.g. Location');
    choose(row().querySelector('select') as HTMLSelectElement, 'status');
    expect(path().placeholder).toBe('(not needed)');
    expect(path().disabled).toBe(true);
  });

  test('a row can be turned off without losing it, and removed', () => {
    show([
      { variable: 'a', from: 'body', path: 'id', enabled: true },
      { variable: 'b', from: 'header', path: 'Location', enabled: true },
    ]);
    const first = cells()[0] as HTMLElement;
    act(() => first.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click());
    expect(captures[0]).toEqual({ variable: 'a', from: 'body', path: 'id', enabled: false });
    expect(cells()[0]?.className).toBe('kv-disabled');
    // The trailing row has neither a checkbox nor a remove button.
    expect(cells()[2]?.querySelector('input[type="checkbox"]')).toBeNull();
    expect(cells()[2]?.querySelector('button')).toBeNull();
    act(() => (cells()[0]?.querySelector('button') as HTMLButtonElement).click());
    expect(captures).toEqual([{ variable: 'b', from: 'header', path: 'Location', enabled: true }]);
  });
});
