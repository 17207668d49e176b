import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from '../../store';
import { RequestEditor } from './RequestEditor';
import { ResponseView } from './ResponseView';
import { DEFAULT_REQUEST_SHARE, selectActiveTab } from './requestSlice';
import { REQUEST_TABPANEL_ID, requestTabDomId } from './TabBar';

const MIN_SHARE = 0.2;
const MAX_SHARE = 0.85;
const KEY_STEP = 0.05;

const clamp = (share: number): number => Math.min(MAX_SHARE, Math.max(MIN_SHARE, share));

/**
 * The active tab's panel (the tablist's aria-controls): its request above its response, split by a handle that
 * drags (double-click restores it) or moves with ↑/↓, Home and End once focused, as Postman's and VS Code's do.
 * Before the tab's first response the request (its body editor above all) has the panel's height but one line.
 */
export function RequestPanel() {
  const activeTabId = useStore((s) => s.activeTabId);
  // Until the tab has a response (or one on its way) there is nothing to split: the request takes the room.
  const responding = useStore((s) => {
    const tab = selectActiveTab(s);
    return tab.result !== null || tab.inFlightId !== null;
  });
  // In the store, not the panel: another tab, or a visit to another view, finds the split where the user left it.
  const share = useStore((s) => s.requestShare);
  const panel = useRef<HTMLDivElement>(null);
  const setShare = (next: number): void => useStore.getState().setRequestShare(clamp(next));
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return;
    e.preventDefault();
    // Listened for on the window, as the tree's drags are (usePointerDrag), not through pointer capture on the
    // handle: capture is dropped when the window loses focus for a moment, and the drag then stopped half-way.
    const move = (event: globalThis.PointerEvent): void => {
      // A move with no button down (the button let go outside the window) does not resize; the drag ends at the next
      // pointerup, which the next click anywhere brings.
      if ((event.buttons & 1) === 0) return;
      const box = panel.current?.getBoundingClientRect();
      if (box && box.height > 0) setShare((event.clientY - box.top) / box.height);
    };
    const end = (): void => {
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', end, true);
      window.removeEventListener('pointercancel', end, true);
    };
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', end, true);
    window.addEventListener('pointercancel', end, true);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const next =
      e.key === 'ArrowUp'
        ? share - KEY_STEP
        : e.key === 'ArrowDown'
          ? share + KEY_STEP
          : e.key === 'Home'
            ? MIN_SHARE
            : e.key === 'End'
              ? MAX_SHARE
              : e.key === 'Enter'
                ? DEFAULT_REQUEST_SHARE
                : null;
    if (next === null) return;
    e.preventDefault();
    setShare(next);
  };
  const percent = Math.round(share * 100);
  return (
    <div
      className="request-tabpanel"
      role="tabpanel"
      id={REQUEST_TABPANEL_ID}
      aria-labelledby={requestTabDomId(activeTabId)}
      ref={panel}
      style={{ gridTemplateRows: responding ? `minmax(200px, ${percent}%) auto minmax(120px, 1fr)` : 'minmax(200px, 1fr) auto auto' }}
    >
      <RequestEditor />
      <div
        hidden={!responding}
        className="split-handle"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the request and the response"
        aria-valuemin={Math.round(MIN_SHARE * 100)}
        aria-valuemax={Math.round(MAX_SHARE * 100)}
        aria-valuenow={percent}
        title="Drag to resize (double-click: back to the usual size)"
        tabIndex={0}
        onPointerDown={onPointerDown}
        onDoubleClick={() => setShare(DEFAULT_REQUEST_SHARE)}
        onKeyDown={onKeyDown}
      />
      <ResponseView />
    </div>
  );
}
