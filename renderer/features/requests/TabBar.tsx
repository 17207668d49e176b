import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { isDirty } from './requestSlice';
import { displayText } from '../../../shared/displayText';
import { useCloseTab } from './useCloseTab';

/** The element that shows the active tab's request and response (the tabs' aria-controls). */
export const REQUEST_TABPANEL_ID = 'request-tabpanel';

/** The DOM id of a request tab, for the panel's aria-labelledby. */
export const requestTabDomId = (tabId: string): string => `request-tab-${tabId}`;

/** Moves the keyboard focus to the active request tab (after a shortcut, when the focus had nowhere to go). */
export function focusActiveRequestTab(): void {
  document.querySelector<HTMLElement>('.tab-bar [role="tab"][aria-selected="true"]')?.focus();
}

/**
 * Open requests as a WAI-ARIA tablist, as in VS Code: one tab stop (the active tab), ←/→ and Home/End move
 * between tabs and show them, Delete closes the focused one. A dot marks unsaved changes; × (pointer only,
 * out of the Tab order) or a middle-click closes. The app-wide shortcuts are in TabShortcuts.
 */
export function TabBar() {
  const tabs = useStore((s) => s.tabs);
  const activeTabId = useStore((s) => s.activeTabId);
  const { setActiveTab, newTab } = useStore.getState();
  const [confirmDialog, close] = useCloseTab();
  const bar = useRef<HTMLDivElement>(null);
  // Set by a key press inside the strip: the tab it lands on takes the focus once it is drawn.
  const focusAfter = useRef(false);

  // The active tab is always in view: one opened from the palette or the tree may sit past the right edge,
  // and it widens by its dot once edited, or the strip narrows with the window.
  useEffect(() => {
    const strip = bar.current;
    const active = strip?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
    if (!strip || !active) return undefined;
    const reveal = (): void => {
      const view = strip.getBoundingClientRect();
      const box = active.getBoundingClientRect();
      if (box.left < view.left || box.right > view.right) active.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    };
    reveal();
    if (focusAfter.current) {
      focusAfter.current = false;
      active.focus();
    }
    const observer = new ResizeObserver(reveal);
    observer.observe(strip);
    observer.observe(active);
    return () => observer.disconnect();
  }, [activeTabId, tabs.length]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, tabId: string): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const ids = tabs.map((t) => t.id);
    const at = ids.indexOf(tabId);
    const target =
      e.key === 'ArrowRight'
        ? ids[(at + 1) % ids.length]
        : e.key === 'ArrowLeft'
          ? ids[(at - 1 + ids.length) % ids.length]
          : e.key === 'Home'
            ? ids[0]
            : e.key === 'End'
              ? ids[ids.length - 1]
              : undefined;
    if (target !== undefined) {
      e.preventDefault();
      focusAfter.current = true;
      if (target === activeTabId) bar.current?.querySelector<HTMLElement>(`#${CSS.escape(requestTabDomId(target))}`)?.focus();
      else setActiveTab(target);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      focusAfter.current = true;
      // Kept open (the question was declined): the dialog gives the focus back to this tab itself.
      void close(tabId).finally(() => {
        if (useStore.getState().tabs.some((t) => t.id === tabId)) focusAfter.current = false;
      });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setActiveTab(tabId);
    }
  };

  return (
    <div className="tab-strip">
      {confirmDialog}
      <div className="tab-bar" role="tablist" aria-label="Open requests" aria-orientation="horizontal" ref={bar}>
        {tabs.map((tab) => {
          const dirty = isDirty(tab);
          const selected = tab.id === activeTabId;
          return (
            <div
              key={tab.id}
              id={requestTabDomId(tab.id)}
              role="tab"
              aria-selected={selected}
              aria-controls={REQUEST_TABPANEL_ID}
              aria-keyshortcuts="Delete"
              tabIndex={selected ? 0 : -1}
              className={`request-tab ${selected ? 'active' : ''}`}
              title={displayText(`${tab.request.method} ${tab.request.url || tab.request.name}${tab.origin.kind === 'builtin' ? ' (built-in catalog)' : ''}`)}
              onClick={() => setActiveTab(tab.id)}
              onKeyDown={(e) => onKeyDown(e, tab.id)}
              onAuxClick={(e) => e.button === 1 && void close(tab.id)}
            >
              <span className={`method-badge method-${tab.request.method.toLowerCase()}`}>{tab.request.method}</span>
              <span className="request-tab-name">{displayText(tab.request.name)}</span>
              {dirty && <span className="dirty-dot" aria-label="Unsaved changes" title="Unsaved changes (Ctrl+S saves)" />}
              {/* Out of the Tab order, as in VS Code: from the keyboard, Delete or Ctrl/Cmd+W closes the tab. */}
              <button
                type="button"
                tabIndex={-1}
                className="icon-button tab-close"
                aria-label={`Close ${tab.request.name}`}
                title="Close (Ctrl+W)"
                onClick={(e) => {
                  e.stopPropagation();
                  void close(tab.id);
                }}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button type="button" className="icon-button new-tab" aria-label="New request" title="New request" onClick={newTab}>
        +
      </button>
    </div>
  );
}
