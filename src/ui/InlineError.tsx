/** An error inside a section: says what failed and offers a retry; the rest of the page keeps working. */
export function InlineError({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <div className="inline-error" role="alert">
      <p>
        <strong>{title}</strong> {message}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
