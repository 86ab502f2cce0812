// Silent re-authorization in a hidden frame: the app keeps the page, whatever the server does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handCallbackToSilentParent, silentSignIn, SILENT_FRAME_PREFIX } from '../../../src/smart/silentSignIn';

const origin = window.location.origin;
const redirect = { url: 'https://auth.example/authorize?prompt=none&state=s', post: false };

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const frame = () => document.querySelector('iframe')!;
const post = (data: unknown, from: { origin?: string; source?: Window | null } = {}) =>
  window.dispatchEvent(new MessageEvent('message', { data, origin: from.origin ?? origin, source: from.source === undefined ? frame().contentWindow : from.source }));

describe('silentSignIn', () => {
  it('loads the authorize URL in a hidden, unfocusable frame and resolves with the callback it reports', async () => {
    const result = silentSignIn(redirect);
    expect(frame().src).toBe(redirect.url);
    expect(frame().hidden).toBe(true);
    expect(frame().name.startsWith(SILENT_FRAME_PREFIX)).toBe(true);
    const callback = `${origin}/callback?code=c&state=s`;
    post({ type: 'smart-silent-callback', url: callback });
    await expect(result).resolves.toBe(callback);
    expect(document.querySelector('iframe')).toBeNull(); // the frame is gone
  });

  it('ignores messages from another origin, another window, or naming another address', async () => {
    vi.useFakeTimers();
    const result = silentSignIn(redirect, document, 1000);
    const outcome = result.catch((e: unknown) => e);
    post({ type: 'smart-silent-callback', url: `${origin}/callback?code=c` }, { origin: 'https://evil.example' });
    post({ type: 'smart-silent-callback', url: `${origin}/callback?code=c` }, { source: window });
    post({ type: 'smart-silent-callback', url: 'https://evil.example/callback?code=c' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await outcome).toMatchObject({ code: 'login_required' });
  });

  it('gives up at once when the frame ends on a page of another origin (an error page, a sign-in form)', async () => {
    const result = silentSignIn(redirect, document, 60_000);
    Object.defineProperty(frame(), 'contentWindow', {
      get: () => ({
        get location(): Location {
          throw new DOMException('Blocked a frame with origin', 'SecurityError');
        },
      }),
    });
    frame().dispatchEvent(new Event('load'));
    await expect(result).rejects.toMatchObject({ code: 'login_required' });
  });

  it('gives up after the timeout when nothing happens', async () => {
    vi.useFakeTimers();
    const outcome = silentSignIn(redirect, document, 3000).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await outcome).toMatchObject({ code: 'login_required', detail: expect.stringContaining('in time') });
  });
});

describe('handCallbackToSilentParent (in /callback)', () => {
  it('does nothing in a normal window or an EHR frame', () => {
    expect(handCallbackToSilentParent(`${origin}/callback?code=c`, { name: '', parent: window } as unknown as Window)).toBe(false);
  });

  it('in the hidden frame: posts its address to the parent, to our exact origin only', () => {
    const parent = { postMessage: vi.fn() };
    const self = { name: `${SILENT_FRAME_PREFIX}x`, parent, location: window.location } as unknown as Window;
    expect(handCallbackToSilentParent(`${origin}/callback?code=c`, self)).toBe(true);
    expect(parent.postMessage).toHaveBeenCalledWith({ type: 'smart-silent-callback', url: `${origin}/callback?code=c` }, origin);
  });
});
