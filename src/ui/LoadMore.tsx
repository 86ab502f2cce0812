export function LoadMore({ hasMore, loading, onLoad, label = 'Load more' }: { hasMore: boolean; loading: boolean; onLoad: () => void; label?: string }) {
  if (!hasMore) return null;
  return (
    <button type="button" className="load-more" onClick={onLoad} disabled={loading}>
      {loading ? 'Loading…' : label}
    </button>
  );
}
