import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** How many rows there are in all (they need not all be loaded). */
  total: number;
  rowHeight: number;
  /** A row's content, or null while it is still loading. */
  renderRow: (index: number) => ReactNode | null;
  /** The visible range changed: load what is missing. */
  onRangeChange?: (start: number, end: number) => void;
  ariaLabel: string;
  overscan?: number;
  /** Scroll back to the top when this changes (e.g. new events while auto-scroll is on). */
  scrollToTopKey?: unknown;
  testId?: string;
}

/**
 * Renders only the rows in view (plus a margin), so a list of 100,000 events scrolls as smoothly as
 * one of 100. Rows have a fixed height; the scroll area is sized for all of them.
 */
export function VirtualList({ total, rowHeight, renderRow, onRangeChange, ariaLabel, overscan = 10, scrollToTopKey, testId }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    setHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (scrollToTopKey === undefined || !scroller.current) return;
    scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [scrollToTopKey]);

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    onRangeChange?.(start, end);
  }, [start, end, onRangeChange]);

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div key={i} className="vrow" style={{ top: i * rowHeight, height: rowHeight }} aria-rowindex={i + 1}>
        {renderRow(i) ?? <span className="muted small">Loading…</span>}
      </div>,
    );
  }
  return (
    <div className="vlist" ref={scroller} role="list" aria-label={ariaLabel} data-testid={testId} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="vlist-spacer" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
