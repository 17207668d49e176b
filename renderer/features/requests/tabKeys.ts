/**
 * The request tabs' keyboard shortcuts, as Postman, VS Code and the browsers have them. Kept apart from
 * the component so the mapping can be read (and tested) in one place.
 */

export type TabShortcut = 'next' | 'previous' | 'close';

export interface KeyPress {
  key: string;
  /** The physical key: W is found by it where the layout's letters are not Latin (Ctrl+Ц on a Russian one). */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/**
 * What a key press asks of the tabs, or null. Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PageDown / Ctrl+PageUp
 * move to the next / previous tab (wrapping round, as VS Code does); Cmd+Option+→ / ← too (VS Code's and
 * Chrome's Mac keys); Ctrl/Cmd+W and Ctrl+F4 close the active one.
 */
export function tabShortcutOf(e: KeyPress): TabShortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (!mod) return null;
  // Cmd+Tab is the Mac's app switcher and never reaches a page: only Ctrl+Tab is ours.
  if (e.key === 'Tab' && e.ctrlKey && !e.altKey && !e.metaKey) return e.shiftKey ? 'previous' : 'next';
  if ((e.key === 'PageDown' || e.key === 'PageUp') && !e.altKey && !e.shiftKey) return e.key === 'PageDown' ? 'next' : 'previous';
  if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && e.metaKey && e.altKey && !e.ctrlKey && !e.shiftKey)
    return e.key === 'ArrowRight' ? 'next' : 'previous';
  // A Latin layout's character decides (Dvorak's Ctrl+, sits where QWERTY has W); another script's, the physical key.
  const isW = /^[\x20-\x7e]$/.test(e.key) ? e.key.toLowerCase() === 'w' : e.key.length === 1 && e.code === 'KeyW';
  if (isW && !e.altKey && !e.shiftKey) return 'close';
  if (e.key === 'F4' && e.ctrlKey && !e.altKey && !e.shiftKey && !e.metaKey) return 'close';
  return null;
}

/** The tab `delta` places from `activeId`, wrapping round; the same tab when it is the only one. */
export function adjacentTabId(ids: readonly string[], activeId: string, delta: number): string | undefined {
  if (ids.length === 0) return undefined;
  const at = Math.max(0, ids.indexOf(activeId));
  return ids[(((at + delta) % ids.length) + ids.length) % ids.length];
}
