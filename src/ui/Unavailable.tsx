/**
 * A section the user may not see: the sign-in did not grant the scope, or the server refused (403). Says so
 * instead of failing; the rest of the page keeps working.
 */
export function Unavailable({ what, reason }: { what: string; reason: 'scope' | 'forbidden' }) {
  return (
    <p className="unavailable">
      {what} {reason === 'scope' ? 'are not available: this sign-in was not granted access to them.' : 'are not available: the server did not allow access to them.'}
    </p>
  );
}
