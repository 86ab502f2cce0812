// /callback without waiting for the app's UI: the address is captured and cleaned at once, the code exchange
// starts in a new token vault as soon as the script runs, and the moment the token arrives the landing view's
// FHIR requests go out, in parallel with the UI's code still loading.
import { bootHandoff } from '../app/bootHandoff';
import { appHref } from '../lib/basePath';
import { warmIntl } from '../lib/warmIntl';
import type { AppConfig } from '../smart/config';
import { finishCallbackOnce } from '../smart/finishCallback';
import { sessionStore } from '../smart/sessionStore';
import { SILENT_FRAME_PREFIX } from '../smart/silentSignIn';
import { showPlaceholder, startApp } from './ui';

const UI_WAIT_MS = 300;

export function bootCallback(config: Promise<AppConfig>): void {
  const url = window.location.href;
  // The UI's code (React, the chart) waits until the vault runs and has the code exchange: evaluating it would
  // hold up the page's main thread, which hands the exchange to the starting worker (a few hundred ms at most).
  let uiStarted = false;
  const startUi = () => {
    if (uiStarted) return;
    uiStarted = true;
    void startApp(config);
    warmIntl(); // while the UI's code is on its way
  };
  const outcome = finishCallbackOnce(url, startUi);
  // The hidden frame of a silent re-authorization only hands its address to the page around it.
  if (window.name.startsWith(SILENT_FRAME_PREFIX)) return;
  // Code and state must not linger in the address bar or the history.
  bootHandoff.callbackUrl = url;
  window.history.replaceState(window.history.state, '', appHref('/callback'));
  // Words on the page only if the sign-in takes a moment (drawing them costs the main thread layout work).
  setTimeout(() => showPlaceholder('Signing in…', 'Finishing sign-in with your EHR.'), 250);
  void outcome.then(
    (finished) => {
      if (typeof finished === 'string' || finished.session.status === 'ended') return;
      if (sessionStore.current !== finished.session) sessionStore.start(finished.session);
    },
    () => undefined, // the callback route shows the error
  );
  // A popup hand-off or an early error never starts the vault: the UI comes anyway (it shows what happened).
  void outcome.then(startUi, startUi);
  setTimeout(startUi, UI_WAIT_MS);
}
