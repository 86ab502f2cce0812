// The app's UI (React, the router, the routes) is a chunk of its own: the launch page never needs it unless it
// has something to show, and the callback page loads it in parallel with the code exchange.
import type { AppConfig } from '../smart/config';
import { isChunkLoadError, reloadForUpdate } from '../lib/appUpdated';

/** Renders the app for the current address (or the configuration error screen). */
export function startApp(config: Promise<AppConfig>): Promise<void> {
  return import('../app/start').then(
    ({ start }) => start(config),
    (error: unknown) => showUnloadable(error),
  );
}

/** A few words on the page while the UI's code is still on its way (plain DOM: no UI code needed). */
export function showPlaceholder(title: string, text: string): void {
  const root = document.getElementById('root');
  if (!root || root.childElementCount) return;
  const main = document.createElement('main');
  main.className = 'screen screen--info';
  const card = document.createElement('div');
  card.className = 'screen__card';
  const heading = document.createElement('h1');
  heading.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  card.append(heading, p);
  main.append(card);
  root.append(main);
}

/** The UI's code could not load: a new version replaced it (reload once into the new one), or the network is gone. */
function showUnloadable(error: unknown): void {
  const root = document.getElementById('root');
  if (root) root.replaceChildren();
  if (isChunkLoadError(error) && reloadForUpdate()) {
    showPlaceholder('The app was updated', 'Loading the new version…');
    return;
  }
  showPlaceholder('The app could not load', 'Check the network connection, then reload this page.');
}
