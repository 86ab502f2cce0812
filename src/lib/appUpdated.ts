// A code chunk that fails to load while the browser is online almost always means a new version was deployed
// and this page's chunks are gone: reload (once) into the new version. The reload takes the normal reload path
// (a silent re-authorization back to the same view), so an open chart comes back by itself.
const KEY = 'smart.reloadedForUpdate';
const AGAIN_AFTER_MS = 60_000;

export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS|module script/i.test(message);
}

/**
 * Reloads the page unless it already did so for an update in the last minute (then the new version is
 * broken or unreachable too, and a loop would help nobody). True when the page is reloading.
 */
export function reloadForUpdate(storage: Storage = sessionStorage, reload: () => void = () => window.location.reload()): boolean {
  const last = Number(storage.getItem(KEY) ?? 0);
  if (Date.now() - last < AGAIN_AFTER_MS) return false;
  storage.setItem(KEY, String(Date.now()));
  setTimeout(reload, 1500); // long enough to read "The app was updated"
  return true;
}
