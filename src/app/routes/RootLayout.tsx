import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSessionStore } from '../../smart/hooks';
import { rememberResumeIfSignedIn } from '../resumeHint';

/** Every page: while signed in, each history entry remembers how to sign in again after a reload. */
export function RootLayout() {
  const location = useLocation();
  const store = useSessionStore();
  useEffect(() => rememberResumeIfSignedIn(store, location.pathname), [location, store]);
  return <Outlet />;
}
