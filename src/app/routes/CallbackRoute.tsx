import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { appHref } from '../../lib/basePath';
import { SmartLaunchError } from '../../smart/errors';
import { finishCallbackOnce } from '../../smart/finishCallback';
import { useSessionStore } from '../../smart/hooks';
import { Screen } from '../../ui/Screen';
import { bootHandoff } from '../bootHandoff';
import { browser } from '../browser';
import { LaunchErrorScreen } from './errorScreens';

export function CallbackRoute() {
  const location = useLocation();
  const navigate = useNavigate();
  const store = useSessionStore();
  // Captured before the address bar is cleaned: code and state must not linger in the URL or history.
  const [url] = useState(() => (!location.search && bootHandoff.callbackUrl) || `${browser.origin()}${appHref(location.pathname)}${location.search}`);
  const [error, setError] = useState<unknown>(null);
  const [handedOver, setHandedOver] = useState(false);

  useEffect(() => {
    if (location.search) navigate('/callback', { replace: true });
  }, [location.search, navigate]);

  useEffect(() => {
    let active = true;
    const finished = finishCallbackOnce(url);
    finished.then(
      (finished) => {
        if (!active || finished === 'silent-frame') return;
        if (finished === 'handed-over') {
          setHandedOver(true);
          window.close();
          return;
        }
        if (finished.session.status === 'ended') return;
        if (store.current !== finished.session) store.start(finished.session);
        navigate(finished.returnTo, { replace: true });
      },
      (e: unknown) => active && setError(e),
    );
    return () => {
      active = false;
    };
  }, [url, store, navigate]);

  if (handedOver) {
    return (
      <Screen title="Signed in">
        <p>You can close this window: the app continues in your EHR.</p>
      </Screen>
    );
  }
  if (error) return <LaunchErrorScreen error={error instanceof SmartLaunchError ? error : new SmartLaunchError('token_exchange_failed')} />;
  return (
    <Screen title="Signing in…">
      <p>Finishing sign-in with your EHR.</p>
    </Screen>
  );
}
