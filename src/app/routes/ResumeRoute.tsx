import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { prepareAuthorize } from '../../smart/beginLaunch';
import { SmartLaunchError } from '../../smart/errors';
import { Screen } from '../../ui/Screen';
import { browser, callbackUri } from '../browser';
import { useAppConfig } from '../ConfigContext';
import { forgetResume, readResume } from '../resumeHint';
import { NoSessionScreen } from './errorScreens';

/**
 * A chart page opened without a session (a reload: tokens live in memory only). When this tab remembers its
 * launch, sign in again without user action (prompt=none) and come back to the same view; otherwise, or if
 * the server needs the user, say so plainly with the way back.
 */
export function ResumeRoute() {
  const config = useAppConfig();
  const { pathname } = useLocation();
  const [hint] = useState(readResume);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!hint) return;
    forgetResume(); // one silent attempt per reload, never a loop
    prepareAuthorize({ config, request: hint, redirectUri: callbackUri(), silent: true, returnTo: pathname })
      .then((redirect) => browser.redirectToAuthorize(redirect))
      .catch((error: unknown) => {
        if (!(error instanceof SmartLaunchError)) throw error;
        setFailed(true);
      });
  }, [hint, config, pathname]);

  if (!hint || failed) return <NoSessionScreen launch={hint} />;
  return (
    <Screen title="Signing you in again…">
      <p>The page was reloaded; reconnecting to your EHR.</p>
    </Screen>
  );
}
