import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import type { AppConfig } from '../smart/config';
import { SessionStoreContext } from '../smart/hooks';
import { sessionStore as defaultStore, type SessionStore } from '../smart/sessionStore';
import { ConfigContext } from './ConfigContext';
import { createQueryClient } from './queryClient';
import { createAppRouter } from './router';
import { SessionBridge } from './SessionBridge';

export interface AppProps {
  config: AppConfig;
  store?: SessionStore;
  queryClient?: QueryClient;
  /** For tests: start at this address with an in-memory history. */
  initialEntries?: string[];
}

export function App({ config, store = defaultStore, queryClient: given, initialEntries }: AppProps) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  const [router] = useState(() => createAppRouter(initialEntries));
  return (
    <ConfigContext.Provider value={config}>
      <SessionStoreContext.Provider value={store}>
        <QueryClientProvider client={queryClient}>
          <SessionBridge>
            <RouterProvider router={router} />
          </SessionBridge>
        </QueryClientProvider>
      </SessionStoreContext.Provider>
    </ConfigContext.Provider>
  );
}
