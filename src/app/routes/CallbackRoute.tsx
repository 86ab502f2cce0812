import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { completeLaunchOnce, type CompletedLaunch } from '../../smart/completeLaunch';
import { SmartLaunchError } from '../../smart/errors';
import { useSessionStore } from '../../smart/hooks';
import { handCallbackToOpener } from '../../smart/popupHandoff';
import { handCallbackToSilentParent, SILENT_FRAME_PREFIX } from '../../smart/silentSignIn';
import { Screen } from '../../ui/Screen';
import { browser } from '../browser';
import { loadChart } from '../loadChart';
import { LaunchErrorScreen } from './errorScreens';

type Finished = CompletedLaunch | 'handed-over' | 'silent-frame';
const finishing = new Map<string, Promise<Finished>>();

/** In a sign-in popup, the frame that opened it finishes the launch; otherwise this window does. Once per URL. */
function finishOnce(url: string): Promise<Finished> {
  let promise = finishing.get(url);
  if (!promise) {
    // The hidden frame of a silent re-authorization: the page around it finishes the launch.
    if (handCallbackToSilentParent(url)) return Promise.resolve('silent-frame');
    promise = handCallbackToOpener(url).then((handedOver): Promise<Finished> | Finished => (handedOver ? 'handed-over' : completeLaunchOnce(url)));
    finishing.set(url, promise);
  }
  return promise;
}

export function CallbackRoute() {
  const location = useLocation();
  const navigate = useNavigate();
  const store = useSessionStore();
  // Captured before the address bar is cleaned: code and state must not linger in the URL or history.
  const [url] = useState(() => `${browser.origin()}${location.pathname}${location.search}`);
  const [error, setError] = useState<unknown>(null);
  const [handedOver, setHandedOver] = useState(false);

  useEffect(() => {
    if (location.search) navigate('/callback', { replace: true });
  }, [location.search, navigate]);

  useEffect(() => {
    let active = true;
    const finished = finishOnce(url);
    if (!window.name.startsWith(SILENT_FRAME_PREFIX)) void loadChart().then((chart) => chart.preloadLandingView()); // in parallel with the code exchange
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
