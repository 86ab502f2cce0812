// /callback without waiting for the app's UI: the address is captured and cleaned at once, the code exchange
// starts in a new token vault as soon as the script runs, and the moment the token arrives the landing view's
// FHIR requests go out, in parallel with the UI's code still loading.
import { bootHandoff } from '../app/bootHandoff';
import { appHref } from '../lib/basePath';
import { landingRequests } from '../fhir/landing';
import type { AppConfig } from '../smart/config';
import { finishCallbackOnce } from '../smart/finishCallback';
import { sessionStore } from '../smart/sessionStore';
import { SILENT_FRAME_PREFIX } from '../smart/silentSignIn';
import { showPlaceholder, startApp } from './ui';

export function bootCallback(config: Promise<AppConfig>): void {
  const url = window.location.href;
  const outcome = finishCallbackOnce(url);
  // The hidden frame of a silent re-authorization only hands its address to the page around it.
  if (window.name.startsWith(SILENT_FRAME_PREFIX)) return;
  // Code and state must not linger in the address bar or the history.
  bootHandoff.callbackUrl = url;
  window.history.replaceState(window.history.state, '', appHref('/callback'));
  showPlaceholder('Signing in…', 'Finishing sign-in with your EHR.');
  void outcome.then(
    (finished) => {
      if (typeof finished === 'string' || finished.session.status === 'ended') return;
      finished.session.prefetchLanding(landingRequests(finished.session.context));
      if (sessionStore.current !== finished.session) sessionStore.start(finished.session);
    },
    () => undefined, // the callback route shows the error
  );
  void startApp(config);
}
