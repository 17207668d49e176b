import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';

/** Where a dragged item lands relative to the item under the pointer. */
export type DropPlace = 'before' | 'after' | 'into';

export interface DropTarget {
  id: string;
  place: DropPlace;
}

export interface PointerDragOptions {
  /** The attribute that names an item's id on its element (`data-row-id`); items under the pointer are found by it. */
  idAttribute: string;
  /** Where `sourceId` would land if dropped now on `targetId`, given the pointer's height within the target (0 top, 1 bottom); null: not here. */
  placeFor(sourceId: string, targetId: string, fraction: number): DropPlace | null;
  onDrop(sourceId: string, target: DropTarget): void;
  /** The text that follows the pointer while dragging. */
  labelFor(sourceId: string): string;
  /** The element that scrolls when the pointer nears its top or bottom edge. */
  scroller?: () => HTMLElement | null;
}

export interface PointerDrag {
  /** The item being dragged, once the pointer has moved far enough to call it a drag. */
  dragging: string | null;
  /** The item under the pointer that would take the drop, and where. */
  over: DropTarget | null;
  /** Wire to an item's `onPointerDown`. */
  start(event: ReactPointerEvent, id: string): void;
}

/** Pixels the pointer must travel with the button down before a press becomes a drag (a click stays a click). */
const THRESHOLD = 4;
/** Within this many pixels of the scroller's top or bottom edge, the list scrolls while dragging. */
const EDGE = 28;
const SCROLL_STEP = 10;

/**
 * Drag and drop to reorder, with pointer events rather than the browser's HTML5 drag and drop. HTML5 drag hands the
 * pointer to the OS's drag session, which under X belongs to the whole display (two windows dragging at once take
 * each other's drags) and cannot be styled or cancelled with Escape. Here the page keeps the pointer: the press
 * becomes a drag after a few pixels, a label follows the pointer, the item under it shows where the drop would land,
 * the list scrolls near its edges, Escape or leaving the window cancels, and the click that ends a drag is swallowed
 * so the dropped item is not also opened. Files dropped from the desktop still use HTML5 drag and drop.
 */
export function usePointerDrag(options: PointerDragOptions): PointerDrag {
  const latest = useRef(options);
  latest.current = options;
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<DropTarget | null>(null);
  const session = useRef<{ end(drop: boolean): void } | null>(null);

  useEffect(() => () => session.current?.end(false), []);

  const start = (event: ReactPointerEvent, id: string): void => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    if ((event.target as Element).closest('button, input, textarea, select, a, [contenteditable="true"]')) return;
    session.current?.end(false);
    const origin = { x: event.clientX, y: event.clientY };
    const pointerId = event.pointerId;
    let active = false;
    let target: DropTarget | null = null;
    let ghost: HTMLDivElement | null = null;
    let last = origin;
    let scrollFrame = 0;

    const setTarget = (next: DropTarget | null): void => {
      if (next?.id === target?.id && next?.place === target?.place) return;
      target = next;
      setOver(next);
    };
    const locate = (): void => {
      const { idAttribute, placeFor } = latest.current;
      const element = document.elementFromPoint(last.x, last.y)?.closest<HTMLElement>(`[${idAttribute}]`);
      const targetId = element?.getAttribute(idAttribute);
      if (!element || !targetId || targetId === id) return setTarget(null);
      const box = element.getBoundingClientRect();
      const place = placeFor(id, targetId, box.height > 0 ? (last.y - box.top) / box.height : 0.5);
      setTarget(place ? { id: targetId, place } : null);
    };
    const autoScroll = (): void => {
      scrollFrame = 0;
      const scroller = latest.current.scroller?.();
      if (!active || !scroller) return;
      const box = scroller.getBoundingClientRect();
      const step = last.y < box.top + EDGE ? -SCROLL_STEP : last.y > box.bottom - EDGE ? SCROLL_STEP : 0;
      if (step === 0 || last.x < box.left || last.x > box.right) return;
      const before = scroller.scrollTop;
      scroller.scrollTop += step;
      if (scroller.scrollTop === before) return;
      locate();
      scrollFrame = requestAnimationFrame(autoScroll);
    };

    const onMove = (e: PointerEvent): void => {
      if (e.pointerId !== pointerId) return;
      last = { x: e.clientX, y: e.clientY };
      if (!active) {
        if (Math.hypot(last.x - origin.x, last.y - origin.y) < THRESHOLD) return;
        active = true;
        setDragging(id);
        document.body.classList.add('pointer-dragging');
        window.getSelection()?.removeAllRanges();
        ghost = document.createElement('div');
        ghost.className = 'drag-ghost';
        ghost.setAttribute('aria-hidden', 'true');
        ghost.textContent = latest.current.labelFor(id);
        document.body.append(ghost);
      }
      e.preventDefault();
      if (ghost) ghost.style.transform = `translate(${last.x + 12}px, ${last.y + 8}px)`;
      locate();
      if (!scrollFrame) scrollFrame = requestAnimationFrame(autoScroll);
    };
    const onUp = (e: PointerEvent): void => {
      if (e.pointerId === pointerId) end(true, true);
    };
    const onCancel = (): void => end(false, false);
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || !active) return;
      e.preventDefault();
      e.stopPropagation();
      end(false, false);
    };
    const swallowClick = (e: MouseEvent): void => {
      e.preventDefault();
      e.stopPropagation();
      window.removeEventListener('click', swallowClick, true);
    };

    /** `released`: ended by the button's release, whose click follows at once and belongs to the drag. */
    function end(drop: boolean, released = false): void {
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onCancel, true);
      window.removeEventListener('blur', onCancel);
      window.removeEventListener('keydown', onKey, true);
      if (scrollFrame) cancelAnimationFrame(scrollFrame);
      ghost?.remove();
      document.body.classList.remove('pointer-dragging');
      session.current = null;
      if (!active) return;
      if (released) {
        // The click that follows this pointerup belongs to the drag, not to the item under the pointer.
        // Only then: after Escape the button is released later, and a click armed for meanwhile could
        // swallow the user's next real click on a busy page (timers wait behind input there).
        window.addEventListener('click', swallowClick, true);
        setTimeout(() => window.removeEventListener('click', swallowClick, true), 0);
      }
      const landing = target;
      setDragging(null);
      setOver(null);
      if (drop && landing) latest.current.onDrop(id, landing);
    }

    window.addEventListener('pointermove', onMove, true);
    window.addEventListener('pointerup', onUp, true);
    window.addEventListener('pointercancel', onCancel, true);
    window.addEventListener('blur', onCancel);
    window.addEventListener('keydown', onKey, true);
    session.current = { end };
  };

  return { dragging, over, start };
}
