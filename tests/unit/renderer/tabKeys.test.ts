import { describe, expect, test } from 'vitest';
import { adjacentTabId, tabShortcutOf, type KeyPress } from '../../../renderer/features/requests/tabKeys';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('request tab shortcuts, as in Postman and VS Code', () => {
  test.each([
    ['Ctrl+Tab', press('Tab', { ctrlKey: true }), 'next'],
    ['Ctrl+Shift+Tab', press('Tab', { ctrlKey: true, shiftKey: true }), 'previous'],
    ['Ctrl+PageDown', press('PageDown', { ctrlKey: true }), 'next'],
    ['Ctrl+PageUp', press('PageUp', { ctrlKey: true }), 'previous'],
    ['Cmd+PageDown', press('PageDown', { metaKey: true }), 'next'],
    ['Cmd+Option+→', press('ArrowRight', { metaKey: true, altKey: true }), 'next'],
    ['Cmd+Option+←', press('ArrowLeft', { metaKey: true, altKey: true }), 'previous'],
    ['Ctrl+W', press('w', { ctrlKey: true }), 'close'],
    ['Cmd+W', press('w', { metaKey: true }), 'close'],
    ['Ctrl+W with Caps Lock', press('W', { ctrlKey: true }), 'close'],
    ['Ctrl+F4', press('F4', { ctrlKey: true }), 'close'],
    ['Ctrl+W on a Russian layout (Ctrl+Ц)', { ...press('ц', { ctrlKey: true }), code: 'KeyW' }, 'close'],
  ] as const)('%s', (_name, key, action) => {
    expect(tabShortcutOf(key)).toBe(action);
  });

  test.each([
    ['Tab alone (moves the focus)', press('Tab')],
    ['Cmd+Tab (the Mac app switcher)', press('Tab', { metaKey: true })],
    ['Ctrl+Shift+W (closes the window)', press('w', { ctrlKey: true, shiftKey: true })],
    ['Ctrl+Alt+→ (a Linux workspace switch)', press('ArrowRight', { ctrlKey: true, altKey: true })],
    ['PageDown alone (scrolls)', press('PageDown')],
    ['W alone', press('w')],
    ['Ctrl+, on Dvorak (where QWERTY has W)', { ...press(',', { ctrlKey: true }), code: 'KeyW' }],
    ['Ctrl+Shift+PageDown (moves a tab in some editors)', press('PageDown', { ctrlKey: true, shiftKey: true })],
  ] as const)('not %s', (_name, key) => {
    expect(tabShortcutOf(key)).toBeNull();
  });

  test('next and previous wrap round, as VS Code does', () => {
    const ids = ['a', 'b', 'c'];
    expect(adjacentTabId(ids, 'a', 1)).toBe('b');
    expect(adjacentTabId(ids, 'c', 1)).toBe('a');
    expect(adjacentTabId(ids, 'a', -1)).toBe('c');
    expect(adjacentTabId(['a'], 'a', 1)).toBe('a');
    expect(adjacentTabId([], 'a', 1)).toBeUndefined();
  });
});
