// Wires the session to the data layer: one FHIR client per session (its requests go to the session's token
// vault; no token ever reaches the page), and every cached patient datum dropped whenever the session changes
// or ends.
import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { prefetchSummary } from '../features/summary/summaryQueries';
import { patientQuery } from '../fhir/queries/patient';
import type { FhirClient } from '../fhir/createFhirClient';
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

/**
 * The landing view's answers, sent ahead by the callback, go into the query cache as soon as the chart's code is
 * here (before the Summary renders): its cards then find their data.
 */
function seedLanding(queryClient: QueryClient, client: FhirClient, session: SessionHandle): void {
  const { patientId, needPatientBanner, scopes } = session.context;
  if (!session.prefetchedLanding || !patientId) return;
  if (needPatientBanner && scopes.canRead('Patient')) void queryClient.prefetchQuery(patientQuery(client, patientId));
  void prefetchSummary(queryClient, client, patientId, (type) => scopes.canRead(type));
}

export function SessionBridge({ children }: { children: ReactNode }) {
  const store = useSessionStore();
  const queryClient = useQueryClient();
  const { session } = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const client = useMemo(() => {
    if (!session) return null;
    const created = clientFor(session);
    seedLanding(queryClient, created, session);
    return created;
  }, [session, queryClient]);
  return client ? <FhirClientProvider client={client}>{children}</FhirClientProvider> : <>{children}</>;
}
