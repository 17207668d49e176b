import { useEffect, useRef } from 'react';
import { useStore } from '../../store';
import { useConfirm } from '../../ui/Dialog';
import { isDirty } from './requestSlice';
import { displayText } from '../../../shared/displayText';

/** Open requests as tabs, with a dot for unsaved changes; middle-click or × closes. */
export function TabBar() {
  const tabs = useStore((s) => s.tabs);
  const activeTabId = useStore((s) => s.activeTabId);
  const { setActiveTab, closeTab, newTab } = useStore.getState();
  const [confirmDialog, ask] = useConfirm();
  const bar = useRef<HTMLDivElement>(null);
  // The active tab is always in view: one opened from the palette or the tree may sit past the right edge.
  useEffect(() => {
    bar.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [activeTabId, tabs.length]);
  const close = async (id: string): Promise<void> => {
    const tab = tabs.find((t) => t.id === id);
    if (tab && isDirty(tab) && tab.origin.kind !== 'builtin') {
      const choice = await ask({
        title: 'Unsaved changes',
        message: <p>“{displayText(tab.request.name)}” has unsaved changes. Close it and lose them?</p>,
        choices: [{ value: 'discard', label: 'Close without saving', kind: 'danger' }],
      });
      if (choice !== 'discard') return;
    }
    closeTab(id);
  };
  return (
    <div className="tab-bar" role="tablist" aria-label="Open requests" ref={bar}>
      {confirmDialog}
      {tabs.map((tab) => {
        const dirty = isDirty(tab);
        return (
          <div
            key={tab.id}
            role="tab"
            aria-selected={tab.id === activeTabId}
            className={`request-tab ${tab.id === activeTabId ? 'active' : ''}`}
            title={displayText(`${tab.request.method} ${tab.request.url || tab.request.name}${tab.origin.kind === 'builtin' ? ' (built-in catalog)' : ''}`)}
            onClick={() => setActiveTab(tab.id)}
            onAuxClick={(e) => e.button === 1 && void close(tab.id)}
          >
            <span className={`method-badge method-${tab.request.method.toLowerCase()}`}>{tab.request.method}</span>
            <span className="request-tab-name">{displayText(tab.request.name)}</span>
            {dirty && <span className="dirty-dot" aria-label="Unsaved changes" title="Unsaved changes (Ctrl+S saves)" />}
            <button
              type="button"
              className="icon-button tab-close"
              aria-label={`Close ${tab.request.name}`}
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
      <button type="button" className="icon-button new-tab" aria-label="New request" title="New request" onClick={newTab}>
        +
      </button>
    </div>
  );
}
