import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** CSS width (the table uses a fixed layout so columns do not jump while scrolling). */
  width?: string;
  className?: string;
}

interface Props<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Names the table (caption) and its scroll region. */
  label: string;
  /** Estimated row height in px; rows are measured once drawn. */
  rowHeight?: number;
  /** Height of the scroll region in px when virtualised (fixed: the viewport must not depend on the rows drawn). */
  maxHeight?: number;
  /** Up to this many rows the table is drawn in full (cheap, and simpler for assistive tech). */
  threshold?: number;
}

/**
 * A real <table> (header cells, row/column semantics) that draws only the rows in view once it is long:
 * spacer rows stand in for the rest, aria-rowcount/aria-rowindex keep the true size. The scroll region is
 * focusable so keyboard users can scroll it.
 */
export function VirtualTable<T>({ rows, columns, rowKey, label, rowHeight = 36, maxHeight = 384, threshold = 60 }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = rows.length > threshold;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 0, height: maxHeight },
    // A row that measures 0 (not laid out: hidden, or no layout engine) keeps its estimate instead of
    // collapsing the list into a measure/re-render loop.
    measureElement: (element) => (element as HTMLElement).offsetHeight || rowHeight,
  });

  const head = (
    <thead>
      <tr aria-rowindex={1}>
        {columns.map((c) => (
          <th key={c.key} scope="col" className={c.className} style={c.width ? { width: c.width } : undefined}>
            {c.header}
          </th>
        ))}
      </tr>
    </thead>
  );
  const row = (item: T, index: number, measure?: (el: HTMLTableRowElement | null) => void) => (
    <tr key={rowKey(item)} aria-rowindex={index + 2} data-index={index} ref={measure}>
      {columns.map((c) => (
        <td key={c.key} className={c.className}>
          {c.cell(item)}
        </td>
      ))}
    </tr>
  );

  if (!virtual) {
    return (
      <div className="vtable">
        <table className="table">
          <caption className="visually-hidden">{label}</caption>
          {head}
          <tbody>{rows.map((item, i) => row(item, i))}</tbody>
        </table>
      </div>
    );
  }

  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = items.length ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;
  const spacer = (height: number, key: string) =>
    height > 0 ? (
      <tr key={key} aria-hidden="true" className="table__spacer">
        <td colSpan={columns.length} style={{ height }} />
      </tr>
    ) : null;

  return (
    <div ref={scrollRef} className="vtable vtable--scroll" style={{ height: maxHeight }} tabIndex={0} role="region" aria-label={label}>
      <table className="table" aria-rowcount={rows.length + 1}>
        <caption className="visually-hidden">{label}</caption>
        {head}
        <tbody>
          {spacer(before, 'before')}
          {items.map((v) => row(rows[v.index]!, v.index, virtualizer.measureElement))}
          {spacer(after, 'after')}
        </tbody>
      </table>
    </div>
  );
}
