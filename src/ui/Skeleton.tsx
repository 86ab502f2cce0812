/** Placeholder rows with the height of the content to come, so nothing jumps when data arrives. */
export function Skeleton({ rows = 3, label, rowHeight }: { rows?: number; label: string; rowHeight?: string }) {
  return (
    <div className="skeleton" role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton__row" style={rowHeight ? { height: rowHeight } : undefined} />
      ))}
    </div>
  );
}

/** A block of a fixed height (a chart, a card grid) while it loads. */
export function SkeletonBlock({ height, label }: { height: number | string; label: string }) {
  return <div className="skeleton skeleton__block" role="status" aria-label={label} style={{ height }} />;
}
