import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChunkLoadError, reloadForUpdate } from '../../../src/lib/appUpdated';
import { MemoryStorage } from '../smart/pendingRecord';

afterEach(() => vi.useRealTimers());

describe('a new version deployed while the app is open', () => {
  it.each([
    ['Chromium', 'Failed to fetch dynamically imported module: https://app.example/assets/VitalsRoute-D7Pdss7A.js'],
    ['Safari', 'Importing a module script failed.'],
    ['Firefox', 'error loading dynamically imported module: https://app.example/assets/x.js'],
  ])('recognises %s’s chunk-load error', (_browser, message) => {
    expect(isChunkLoadError(new TypeError(message))).toBe(true);
  });

  it('does not take other errors for an update', () => {
    expect(isChunkLoadError(new TypeError('Cannot read properties of undefined'))).toBe(false);
  });

  it('reloads once, after a moment; a second failure within a minute does not loop', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const reload = vi.fn();
    expect(reloadForUpdate(storage, reload)).toBe(true);
    vi.advanceTimersByTime(1500);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(reloadForUpdate(storage, reload)).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(reloadForUpdate(storage, reload)).toBe(true);
  });
});
