import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AuthorizeRedirect } from '../../smart/beginLaunch';
import { completeLaunchOnce } from '../../smart/completeLaunch';
import { SmartLaunchError } from '../../smart/errors';
import { useSessionStore } from '../../smart/hooks';
import { waitForPopupCallback } from '../../smart/popupHandoff';
import { Screen } from '../../ui/Screen';
import { browser } from '../browser';
import { LaunchErrorScreen } from './errorScreens';

type Step = 'ready' | 'blocked' | 'waiting' | 'closed';

/** Embedded launch whose sign-in page cannot be shown in this frame: sign in in a new window, from a click. */
export function PopupSignIn({ redirect }: { redirect: AuthorizeRedirect }) {
  const navigate = useNavigate();
  const store = useSessionStore();
  const [step, setStep] = useState<Step>('ready');
  const [error, setError] = useState<unknown>(null);

  const open = () => {
    const popup = browser.openSignInPopup(redirect);
    if (!popup) {
      setStep('blocked');
      return;
    }
    setStep('waiting');
    waitForPopupCallback(popup)
      .then((url) => completeLaunchOnce(url))
      .then(({ session, returnTo }) => {
        store.start(session);
        navigate(returnTo, { replace: true });
      })
      .catch((e: unknown) => {
        if (e instanceof SmartLaunchError && e.code === 'popup_closed') setStep('closed');
        else setError(e);
      });
  };

  if (error) return <LaunchErrorScreen error={error instanceof SmartLaunchError ? error : new SmartLaunchError('token_exchange_failed')} />;
  return (
    <Screen title={step === 'waiting' ? 'Finish signing in in the new window' : 'Sign in to continue'}>
      {step === 'ready' && <p>Your EHR’s sign-in page opens in a new window.</p>}
      {step === 'blocked' && (
        <p role="alert">The sign-in window was blocked by the browser. Allow pop-ups for this app, then try again.</p>
      )}
      {step === 'closed' && <p role="alert">The sign-in window was closed before sign-in finished.</p>}
      {step === 'waiting' ? (
        <p>This panel continues by itself when you are signed in.</p>
      ) : (
        <p className="actions">
          <button type="button" onClick={open}>
            Sign in in a new window
          </button>
        </p>
      )}
    </Screen>
  );
}
