// /launch without the app's UI: the config check, discovery and the authorize redirect start as soon as the
// script runs (React and the views are not on this page's critical path). The UI loads only when there is
// something to show: an error, or the button for a sign-in popup.
import { bootHandoff } from '../app/bootHandoff';
import { browser, callbackUri } from '../app/browser';
import { loadOidcClient } from '../smart/beginLaunch';
import type { AppConfig } from '../smart/config';
import { startLaunch } from '../smart/launchFlow';
import { vaultScriptUrl } from '../smart/vaultClient';
import { showPlaceholder, startApp } from './ui';

function prefetch(href: string): void {
  const link = document.createElement('link');
  link.rel = 'prefetch';
  link.href = href;
  document.head.appendChild(link);
}

export function bootLaunch(config: Promise<AppConfig>): void {
  const search = window.location.search;
  void loadOidcClient(); // fetched while the config is read and discovery runs
  const outcome = config.then((loaded) =>
    startLaunch(loaded, search, { redirectUri: callbackUri(), framed: browser.isFramed(), follow: (redirect) => browser.redirectToAuthorize(redirect) }),
  );
  // The callback page will need the token vault's code: into the HTTP cache while the user signs in (a prefetch
  // outlives this page; hashed assets are immutable). Only that one file: a burst of prefetches would hold up
  // the callback page's own requests to this server.
  prefetch(vaultScriptUrl);
  // Only if the sign-in page is slow to come: drawing it would hold up discovery on the main thread.
  setTimeout(() => showPlaceholder('Connecting to your EHR…', 'Checking the FHIR server and opening sign-in.'), 400);
  outcome.then(
    (result) => {
      if (result.kind === 'redirected') return;
      bootHandoff.launch = { search, outcome };
      void startApp(config);
    },
    () => {
      bootHandoff.launch = { search, outcome };
      void startApp(config);
    },
  );
}
