import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { basename } from '../lib/basePath';
import { Screen } from '../ui/Screen';
import { loadChart } from './loadChart';
import { CallbackRoute } from './routes/CallbackRoute';
import { HomeRoute } from './routes/HomeRoute';
import { LaunchRoute } from './routes/LaunchRoute';
import { NotFoundRoute, RouteErrorBoundary } from './routes/errorScreens';
import { RequireSession } from './routes/RequireSession';
import { RootLayout } from './routes/RootLayout';

export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: '/', element: <HomeRoute /> },
      { path: '/launch', element: <LaunchRoute /> },
      { path: '/callback', element: <CallbackRoute /> },
      {
        path: '/chart/*',
        // Loaded by the router before it shows the route (the callback has usually fetched it already):
        // no Suspense fallback flashes between "Signing in…" and the chart.
        lazy: async () => {
          const { default: ChartApp } = await loadChart();
          return {
            element: (
              <RequireSession>
                <ChartApp />
              </RequireSession>
            ),
          };
        },
        hydrateFallbackElement: <Screen title="Opening the chart…" />,
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter(initialEntries?: string[]) {
  return initialEntries ? createMemoryRouter(routes, { initialEntries }) : createBrowserRouter(routes, { basename: basename || undefined });
}
