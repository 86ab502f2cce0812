// The signed-in part of the app, loaded after the first screen: React Query, the FHIR client and the views.
import { QueryClientProvider } from '@tanstack/react-query';
import { useContext, useState } from 'react';
import { useSessionStore } from '../smart/hooks';
import { ChartQueryClientContext } from './chartQueryClient';
import { createQueryClient } from './queryClient';
import { ChartRoute } from './routes/ChartRoute';
import { bindCacheToSessions, SessionBridge } from './SessionBridge';
import { SessionLifecycle } from './SessionLifecycle';

let shared: ReturnType<typeof createQueryClient> | undefined;

export default function ChartApp() {
  const given = useContext(ChartQueryClientContext);
  const store = useSessionStore();
  const [queryClient] = useState(() => {
    const client = given ?? (shared ??= createQueryClient());
    bindCacheToSessions(store, client);
    return client;
  });
  return (
    <QueryClientProvider client={queryClient}>
      <SessionBridge>
        <SessionLifecycle />
        <ChartRoute />
      </SessionBridge>
    </QueryClientProvider>
  );
}
