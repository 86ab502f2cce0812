import { useEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useSessionStore } from '../../smart/hooks';
import { rememberResume } from '../resumeHint';

/** Every page: while signed in, each history entry remembers how to sign in again after a reload. */
export function RootLayout() {
  const location = useLocation();
  const store = useSessionStore();
  useEffect(() => {
    const session = store.current;
    if (session && location.pathname.startsWith('/chart')) rememberResume({ iss: session.iss, mode: session.mode, launch: session.launch });
  }, [location, store]);
  return <Outlet />;
}
