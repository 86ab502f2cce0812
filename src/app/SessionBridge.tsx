// Wires the session to the data layer: one FHIR client per session (token by injection, never to components),
// and every cached patient datum dropped whenever the session changes or ends.
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { createFhirClient } from '../fhir/createFhirClient';
import { FhirClientProvider } from '../fhir/FhirClientContext';
import { useSessionStore } from '../smart/hooks';
import type { SessionStore } from '../smart/sessionStore';
import type { SmartSession } from '../smart/SmartSession';

function clientFor(session: SmartSession) {
  return createFhirClient({
    baseUrl: session.context.fhirBaseUrl,
    tokens: {
      getAccessToken: () => session.getAccessToken(),
      refreshAfterUnauthorized: (rejected) => session.refreshAfterUnauthorized(rejected),
      onUnauthorized: () => session.end('unauthorized'),
    },
  });
}

const bound = new WeakMap<SessionStore, WeakSet<QueryClient>>();
/** Which session each cache holds data for. */
const owners = new WeakMap<QueryClient, SmartSession | null>();

function ownBy(queryClient: QueryClient, session: SmartSession | null): void {
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
