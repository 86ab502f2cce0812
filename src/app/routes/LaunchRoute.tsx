import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { prepareAuthorize, type AuthorizeRedirect } from '../../smart/beginLaunch';
import { findServer } from '../../smart/config';
import { SmartLaunchError } from '../../smart/errors';
import { useSessionStore } from '../../smart/hooks';
import { parseLaunchParams } from '../../smart/launchParams';
import { Screen } from '../../ui/Screen';
import { browser, callbackUri } from '../browser';
import { useAppConfig } from '../ConfigContext';
import { LaunchErrorScreen } from './errorScreens';
import { PopupSignIn } from './PopupSignIn';

/** Redirected: the browser is on its way. Popup: the user must click to open the sign-in window. */
type Outcome = { kind: 'redirected' } | { kind: 'popup'; redirect: AuthorizeRedirect };

const started = new Map<string, Promise<Outcome>>();

export function LaunchRoute() {
  const { search } = useLocation();
  const config = useAppConfig();
  const store = useSessionStore();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // One launch per address, even when StrictMode runs this effect twice.
    let run = started.get(search);
    if (!run) {
      run = (async (): Promise<Outcome> => {
        // A new launch always starts from nothing: the previous session and its cached data go first.
        store.clear('replaced');
        const request = parseLaunchParams(search);
        const redirect = await prepareAuthorize({ config, request, redirectUri: callbackUri() });
        if (browser.isFramed() && findServer(config, request.iss)?.popupWhenFramed) return { kind: 'popup', redirect };
        browser.redirectToAuthorize(redirect);
        return { kind: 'redirected' };
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
