import type { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import type { AppConfig } from '../smart/config';
import { SessionStoreContext } from '../smart/hooks';
import { sessionStore as defaultStore, type SessionStore } from '../smart/sessionStore';
import { ChartQueryClientContext } from './chartQueryClient';
import { ConfigContext } from './ConfigContext';
import { rememberResumeIfSignedIn } from './resumeHint';
import { createAppRouter } from './router';

export interface AppProps {
  config: AppConfig;
  store?: SessionStore;
  /** For tests: the chart's QueryClient (by default the chart creates its own when it loads). */
  queryClient?: QueryClient;
  /** For tests: start at this address with an in-memory history. */
  initialEntries?: string[];
}

export function App({ config, store = defaultStore, queryClient, initialEntries }: AppProps) {
  const [router] = useState(() => {
    const created = createAppRouter(initialEntries);
    // As soon as the address changes, before the new view's code has loaded (or failed to load): a reload
    // right then must still find its way back.
    created.subscribe(({ location }) => rememberResumeIfSignedIn(store, location.pathname));
    return created;
  });
  return (
    <ConfigContext.Provider value={config}>
      <SessionStoreContext.Provider value={store}>
        <ChartQueryClientContext.Provider value={queryClient ?? null}>
          <RouterProvider router={router} />
        </ChartQueryClientContext.Provider>
      </SessionStoreContext.Provider>
    </ConfigContext.Provider>
  );
}
