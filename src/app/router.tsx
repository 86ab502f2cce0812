import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { CallbackRoute } from './routes/CallbackRoute';
import { ChartRoute } from './routes/ChartRoute';
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
        element: (
          <RequireSession>
            <ChartRoute />
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
