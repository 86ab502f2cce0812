import { lazy, Suspense } from 'react';
import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { Screen } from '../ui/Screen';
import { loadChart } from './loadChart';
import { CallbackRoute } from './routes/CallbackRoute';
import { HomeRoute } from './routes/HomeRoute';
import { LaunchRoute } from './routes/LaunchRoute';
import { NotFoundRoute, RouteErrorBoundary } from './routes/errorScreens';
import { RequireSession } from './routes/RequireSession';
import { RootLayout } from './routes/RootLayout';

const ChartApp = lazy(loadChart);

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
        element: (
          <RequireSession>
            <Suspense fallback={<Screen title="Opening the chart…" />}>
              <ChartApp />
            </Suspense>
          </RequireSession>
        ),
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter(initialEntries?: string[]) {
  return initialEntries ? createMemoryRouter(routes, { initialEntries }) : createBrowserRouter(routes);
}
