import { describe, expect, it } from 'vitest';
import { LAUNCH_START_KEY, launchStartScript } from './withoutDevtools';

/** Runs the script as a document of the tab would: its own window and timeOrigin, the tab's sessionStorage. */
function runDocument(storage: Map<string, string>, timeOrigin: number, framed = false): void {
  const sessionStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
  const window: { top?: unknown } = {};
  window.top = framed ? {} : window;
  new Function('window', 'sessionStorage', 'performance', launchStartScript)(window, sessionStorage, { timeOrigin });
}

describe('the launch start the bench measures from without DevTools', () => {
  it('is the first document of the tab, not the callback or chart documents after it', () => {
    const tab = new Map<string, string>();
    runDocument(tab, 1000.5); // /launch
    runDocument(tab, 1200); // /callback
    runDocument(tab, 1300); // a reload of /chart
    expect(Number(tab.get(LAUNCH_START_KEY))).toBe(1000.5);
  });

  it('is not taken from a frame (the silent sign-in frame, the EHR style)', () => {
    const tab = new Map<string, string>();
    runDocument(tab, 900, true);
    expect(tab.has(LAUNCH_START_KEY)).toBe(false);
    runDocument(tab, 1000);
    expect(tab.get(LAUNCH_START_KEY)).toBe('1000');
  });
});
