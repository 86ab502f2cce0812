import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { completeLaunchOnce } from '../../smart/completeLaunch';
import { SmartLaunchError } from '../../smart/errors';
import { useSessionStore } from '../../smart/hooks';
import { Screen } from '../../ui/Screen';
import { browser } from '../browser';
import { LaunchErrorScreen } from './errorScreens';

export function CallbackRoute() {
  const location = useLocation();
  const navigate = useNavigate();
  const store = useSessionStore();
  // Captured before the address bar is cleaned: code and state must not linger in the URL or history.
  const [url] = useState(() => `${browser.origin()}${location.pathname}${location.search}`);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (location.search) navigate('/callback', { replace: true });
  }, [location.search, navigate]);

  useEffect(() => {
    let active = true;
    completeLaunchOnce(url).then(
      ({ session, returnTo }) => {
        if (!active || session.status === 'ended') return;
        if (store.current !== session) store.start(session);
        navigate(returnTo, { replace: true });
      },
      (e: unknown) => active && setError(e),
    );
    return () => {
      active = false;
    };
  }, [url, store, navigate]);

  if (error) return <LaunchErrorScreen error={error instanceof SmartLaunchError ? error : new SmartLaunchError('token_exchange_failed')} />;
  return (
    <Screen title="Signing in…">
      <p>Finishing sign-in with your EHR.</p>
    </Screen>
  );
}
