/** A Chromium path, `undefined` for Playwright's bundled browser, or `null` when none is found. */
export function findChromium(): string | null | undefined;
