// React.lazy for code-split parts that must survive a lost network: a chunk that fails to load while the
// browser is offline is loaded again once it is back online (browsers retry a failed dynamic import), instead
// of the error page replacing the app and its in-memory session.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function whenOnline(): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}

/** Retries forever while offline (the Suspense fallback stays up); gives up after `attempts` failures while online. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same constraint as React.lazy's own
export function lazyWithRetry<T extends ComponentType<any>>(load: () => Promise<{ default: T }>, attempts = 3): LazyExoticComponent<T> {
  return lazy(async () => {
    for (let failures = 0; ; ) {
      try {
        return await load();
      } catch (error) {
        if (!navigator.onLine) {
          await whenOnline();
          continue;
        }
        failures += 1;
        if (failures >= attempts) throw error;
        await sleep(500 * failures);
      }
    }
  });
}
