import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { SmartLaunchError } from '../../smart/errors';
import { useSessionStore } from '../../smart/hooks';
import { startLaunch, type LaunchOutcome } from '../../smart/launchFlow';
import { Screen } from '../../ui/Screen';
import { bootHandoff } from '../bootHandoff';
import { browser, callbackUri } from '../browser';
import { useAppConfig } from '../ConfigContext';
import { LaunchErrorScreen } from './errorScreens';
import { PopupSignIn } from './PopupSignIn';

const started = new Map<string, Promise<LaunchOutcome>>();

/** The launch the entry script already ran for this address (it loads the UI only to show an error or a popup). */
function takeBootLaunch(search: string): Promise<LaunchOutcome> | undefined {
  const booted = bootHandoff.launch;
  if (booted?.search !== search) return undefined;
  bootHandoff.launch = undefined;
  return booted.outcome;
}

export function LaunchRoute() {
  const { search } = useLocation();
  const config = useAppConfig();
  const store = useSessionStore();
  const [outcome, setOutcome] = useState<LaunchOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // One launch per address, even when StrictMode runs this effect twice.
    let run = started.get(search);
    if (!run) {
      run =
        takeBootLaunch(search) ??
        (async () => {
          // A new launch always starts from nothing: the previous session and its cached data go first.
          store.clear('replaced');
          return startLaunch(config, search, {
            redirectUri: callbackUri(),
            framed: browser.isFramed(),
            follow: (redirect) => browser.redirectToAuthorize(redirect),
          });
        })();
      started.set(search, run);
      const forget = () => started.delete(search);
      run.then(forget, forget);
    }
    let active = true;
    run.then(
      (result) => active && setOutcome(result),
      (e: unknown) => active && setError(e),
    );
    return () => {
      active = false;
    };
  }, [search, config, store]);

  if (error) return <LaunchErrorScreen error={error instanceof SmartLaunchError ? error : new SmartLaunchError('authorization_failed')} />;
  if (outcome?.kind === 'popup') return <PopupSignIn redirect={outcome.redirect} />;
  return (
    <Screen title="Connecting to your EHR…">
      <p>Checking the FHIR server and opening sign-in.</p>
    </Screen>
  );
}
