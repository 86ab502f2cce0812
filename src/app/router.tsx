import { createBrowserRouter, createMemoryRouter, type RouteObject } from 'react-router';
import { CallbackRoute } from './routes/CallbackRoute';
import { ChartRoute } from './routes/ChartRoute';
import { HomeRoute } from './routes/HomeRoute';
import { LaunchRoute } from './routes/LaunchRoute';
import { NotFoundRoute, RouteErrorBoundary } from './routes/errorScreens';

export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorBoundary />,
    children: [
      { path: '/', element: <HomeRoute /> },
      { path: '/launch', element: <LaunchRoute /> },
      { path: '/callback', element: <CallbackRoute /> },
      { path: '/chart/*', element: <ChartRoute /> },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
];

export function createAppRouter(initialEntries?: string[]) {
  return initialEntries ? createMemoryRouter(routes, { initialEntries }) : createBrowserRouter(routes);
}
