import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { prepareAuthorize } from '../../smart/beginLaunch';
import { completeLaunchOnce } from '../../smart/completeLaunch';
import { useSessionStore } from '../../smart/hooks';
import { silentSignIn } from '../../smart/silentSignIn';
import { Screen } from '../../ui/Screen';
import { callbackUri } from '../browser';
import { useAppConfig } from '../ConfigContext';
import { forgetResume, readResume } from '../resumeHint';
import { NoSessionScreen } from './errorScreens';

/** One silent attempt per hint, also under StrictMode's double effects. */
const attempts = new WeakMap<object, Promise<{ returnTo: string }>>();

/**
 * A chart page opened without a session (a reload: tokens live in memory only). When this tab remembers its
 * launch, sign in again without user action (prompt=none) in a hidden frame, so the page never leaves the app,
 * and come back to the same view; otherwise, or if the server needs the user, say so plainly with the way back.
 */
export function ResumeRoute() {
  const config = useAppConfig();
  const store = useSessionStore();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [hint] = useState(readResume);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!hint) return;
    let attempt = attempts.get(hint);
    if (!attempt) {
      forgetResume(); // one silent attempt per reload, never a loop
      attempt = (async () => {
        const redirect = await prepareAuthorize({ config, request: hint, redirectUri: callbackUri(), silent: true, returnTo: pathname });
        const { session, returnTo } = await completeLaunchOnce(await silentSignIn(redirect));
        store.start(session);
        return { returnTo };
      })();
      attempts.set(hint, attempt);
    }
    let active = true;
    attempt.then(
      ({ returnTo }) => active && navigate(returnTo, { replace: true }),
      () => active && setFailed(true),
    );
    return () => {
      active = false;
    };
  }, [hint, config, pathname, store, navigate]);

  if (!hint || failed) return <NoSessionScreen launch={hint} />;
  return (
    <Screen title="Signing you in again…">
      <p>The page was reloaded; reconnecting to your EHR.</p>
    </Screen>
  );
}
