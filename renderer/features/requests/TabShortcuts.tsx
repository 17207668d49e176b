import { useEffect } from 'react';
import { useStore } from '../../store';
import { focusActiveRequestTab } from './TabBar';
import { adjacentTabId, tabShortcutOf } from './tabKeys';
import { useCloseTab } from './useCloseTab';

/** Whether a modal (a dialog of the app's, or a question asked in one) is open: shortcuts then wait. */
const modalOpen = (): boolean => useStore.getState().dialog !== null || document.querySelector('[aria-modal="true"]') !== null;

/**
 * Ctrl+Tab / Ctrl+Shift+Tab, Ctrl+PageDown / Ctrl+PageUp and Ctrl/Cmd+W for the request tabs, from anywhere
 * in the Requests view, an editor included. Caught before anything on the page sees them (as Ctrl/Cmd+K is):
 * Monaco would otherwise take them. Rendered once, whatever the view.
 */
export function TabShortcuts() {
  const [confirmDialog, close] = useCloseTab();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = tabShortcutOf(e);
      if (!action) return;
      const { view, tabs, activeTabId, setActiveTab } = useStore.getState();
      const busy = view !== 'requests' || modalOpen();
      // Ctrl/Cmd+W is never the browser's: in the app window it would close the whole app, unsaved drafts and all.
      if (busy && action !== 'close') return;
      e.preventDefault();
      e.stopPropagation();
      if (busy) return;
      const fromStrip = Boolean(document.activeElement?.closest('.tab-bar'));
      const afterwards = (): void => {
        // The focus stays where it was, unless it was on the tabs or went with the tab's editor: then it is on the new tab.
        requestAnimationFrame(() => {
          if (fromStrip || document.activeElement === null || document.activeElement === document.body) focusActiveRequestTab();
        });
      };
      if (action === 'close') {
        void close(activeTabId).then(afterwards);
        return;
      }
      const next = adjacentTabId(
        tabs.map((t) => t.id),
        activeTabId,
        action === 'next' ? 1 : -1,
      );
      if (next !== undefined && next !== activeTabId) {
        setActiveTab(next);
        afterwards();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [close]);
  return <>{confirmDialog}</>;
}
