import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { prepareAuthorize } from '../../smart/beginLaunch';
import { SmartLaunchError } from '../../smart/errors';
import { useSessionStore } from '../../smart/hooks';
import { parseLaunchParams } from '../../smart/launchParams';
import { Screen } from '../../ui/Screen';
import { browser, callbackUri } from '../browser';
import { useAppConfig } from '../ConfigContext';
import { LaunchErrorScreen } from './errorScreens';

const started = new Map<string, Promise<void>>();

export function LaunchRoute() {
  const { search } = useLocation();
  const config = useAppConfig();
  const store = useSessionStore();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    // One launch per address, even when StrictMode runs this effect twice.
    let run = started.get(search);
    if (!run) {
      run = (async () => {
        // A new launch always starts from nothing: the previous session and its cached data go first.
        store.clear('replaced');
        const request = parseLaunchParams(search);
        const redirect = await prepareAuthorize({ config, request, redirectUri: callbackUri() });
        browser.redirectToAuthorize(redirect);
      })();
      started.set(search, run);
      const forget = () => started.delete(search);
      run.then(forget, forget);
    }
    run.catch((e: unknown) => setError(e));
  }, [search, config, store]);

  if (error) return <LaunchErrorScreen error={error instanceof SmartLaunchError ? error : new SmartLaunchError('authorization_failed')} />;
  return (
    <Screen title="Connecting to your EHR…">
      <p>Checking the FHIR server and opening sign-in.</p>
    </Screen>
  );
}
