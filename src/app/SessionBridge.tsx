// Wires the session to the data layer: one FHIR client per session (its requests go to the session's token
// vault; no token ever reaches the page), and every cached patient datum dropped whenever the session changes
// or ends.
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { createFhirClient } from '../fhir/createFhirClient';
import { FhirClientProvider } from '../fhir/FhirClientContext';
import { useSessionStore } from '../smart/hooks';
import type { SessionStore } from '../smart/sessionStore';
import type { SessionHandle } from '../smart/SessionHandle';

const clientFor = (session: SessionHandle) => createFhirClient({ baseUrl: session.context.fhirBaseUrl, transport: session.request });

const bound = new WeakMap<SessionStore, WeakSet<QueryClient>>();
/** Which session each cache holds data for. */
const owners = new WeakMap<QueryClient, SessionHandle | null>();

function ownBy(queryClient: QueryClient, session: SessionHandle | null): void {
  if (owners.has(queryClient) && owners.get(queryClient) === session) return;
  owners.set(queryClient, session);
  void queryClient.cancelQueries();
  queryClient.clear();
}

/**
 * Clears `queryClient` whenever `store`'s session changes or ends: a new launch, a relaunch, an ended session,
 * and when a cache meets a store whose session is not the one its data came from. The subscription outlives the
 * chart's components, so the cache is dropped even when no chart is on screen.
 */
export function bindCacheToSessions(store: SessionStore, queryClient: QueryClient): void {
  ownBy(queryClient, store.current);
  const clients = bound.get(store) ?? new WeakSet<QueryClient>();
  bound.set(store, clients);
  if (clients.has(queryClient)) return;
  clients.add(queryClient);
  store.subscribe(() => ownBy(queryClient, store.current));
}

export function SessionBridge({ children }: { children: ReactNode }) {
  const store = useSessionStore();
  const { session } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const client = useMemo(() => (session ? clientFor(session) : null), [session]);
  return client ? <FhirClientProvider client={client}>{children}</FhirClientProvider> : <>{children}</>;
}
