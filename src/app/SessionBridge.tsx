// Wires the session to the data layer: one FHIR client per session (token by injection, never to components),
// and every cached patient datum dropped whenever the session changes or ends.
import { useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createFhirClient } from '../fhir/createFhirClient';
import { FhirClientProvider } from '../fhir/FhirClientContext';
import { useSessionStore } from '../smart/hooks';
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

export function SessionBridge({ children }: { children: ReactNode }) {
  const store = useSessionStore();
  const queryClient = useQueryClient();
  const { session } = useSyncExternalStore(store.subscribe, store.getSnapshot);

  useEffect(() => {
    let current = store.current;
    return store.subscribe(() => {
      if (store.current !== current) {
        current = store.current;
        queryClient.cancelQueries();
        queryClient.clear();
      }
    });
  }, [store, queryClient]);

  const client = useMemo(() => (session ? clientFor(session) : null), [session]);
  return client ? <FhirClientProvider client={client}>{children}</FhirClientProvider> : <>{children}</>;
}
