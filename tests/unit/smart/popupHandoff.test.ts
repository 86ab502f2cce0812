import { afterEach, describe, expect, it, vi } from 'vitest';
import { SmartLaunchError } from '../../../src/smart/errors';
import { handCallbackToOpener, waitForPopupCallback } from '../../../src/smart/popupHandoff';

const origin = window.location.origin;
const callbackUrl = `${origin}/callback?code=c&state=s`;

function frameWindow(): Window {
  const iframe = document.createElement('iframe');
  document.body.appendChild(iframe);
  return iframe.contentWindow!;
}

function deliver(data: unknown, from: { origin: string; source: Window }) {
  window.dispatchEvent(new MessageEvent('message', { data, origin: from.origin, source: from.source }));
}

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

describe('waitForPopupCallback (in the frame that opened the popup)', () => {
  it('accepts the callback only from our exact origin and from the popup it opened, then acknowledges', async () => {
    const popup = frameWindow();
    const stranger = frameWindow();
    const ack = vi.spyOn(popup, 'postMessage');
    const result = waitForPopupCallback(popup);
    deliver({ type: 'smart-popup-callback', url: callbackUrl }, { origin: 'https://evil.example', source: popup });
    deliver({ type: 'smart-popup-callback', url: callbackUrl }, { origin, source: stranger });
    deliver({ type: 'smart-popup-callback', url: 'https://evil.example/callback?code=x' }, { origin, source: popup });
    expect(ack).not.toHaveBeenCalled();
    deliver({ type: 'smart-popup-callback', url: callbackUrl }, { origin, source: popup });
    await expect(result).resolves.toBe(callbackUrl);
    expect(ack).toHaveBeenCalledWith({ type: 'smart-popup-ack' }, origin);
  });

  it('rejects with popup_closed when the user closes the popup first', async () => {
    const popup = { closed: false, postMessage: vi.fn() } as unknown as Window;
    const result = waitForPopupCallback(popup, window, 10);
    (popup as { closed: boolean }).closed = true;
    await expect(result).rejects.toMatchObject({ code: 'popup_closed' });
    await expect(result).rejects.toBeInstanceOf(SmartLaunchError);
  });
});

describe('handCallbackToOpener (in the popup)', () => {
  it('does nothing without an opener', async () => {
    await expect(handCallbackToOpener(callbackUrl, { opener: null, location: window.location } as unknown as Window)).resolves.toBe(false);
  });

  it('posts to our exact origin only and hands over when the opener acknowledges', async () => {
    const opener = frameWindow();
    const post = vi.spyOn(opener, 'postMessage');
    const self = Object.assign(Object.create(window) as Window, { opener, location: window.location });
    self.addEventListener = window.addEventListener.bind(window);
    self.removeEventListener = window.removeEventListener.bind(window);
    const handed = handCallbackToOpener(callbackUrl, self);
    expect(post).toHaveBeenCalledWith({ type: 'smart-popup-callback', url: callbackUrl }, origin);
    deliver({ type: 'smart-popup-ack' }, { origin: 'https://evil.example', source: opener });
    deliver({ type: 'smart-popup-ack' }, { origin, source: opener });
    await expect(handed).resolves.toBe(true);
  });

  it.each([
    ['another origin, from the opener', () => ({ origin: 'https://evil.example', source: 'opener' as const })],
    ['our origin, from another window', () => ({ origin, source: 'stranger' as const })],
  ])('ignores an acknowledgement from %s (it would close the popup without finishing)', async (_label, from) => {
    const opener = frameWindow();
    const stranger = frameWindow();
    const self = Object.assign(Object.create(window) as Window, { opener, location: window.location });
    self.addEventListener = window.addEventListener.bind(window);
    self.removeEventListener = window.removeEventListener.bind(window);
    const handed = handCallbackToOpener(callbackUrl, self, 50);
    const { origin: o, source } = from();
    deliver({ type: 'smart-popup-ack' }, { origin: o, source: source === 'opener' ? opener : stranger });
    await expect(handed).resolves.toBe(false);
  });

  it('does not wait for an opener of another origin (an EHR that opened the app in a new window): no message, no delay', async () => {
    const ehr = { postMessage: vi.fn(), get origin(): string {
      throw new DOMException('Blocked a frame with origin', 'SecurityError');
    } } as unknown as Window;
    const self = Object.assign(Object.create(window) as Window, { opener: ehr, location: window.location });
    await expect(handCallbackToOpener(callbackUrl, self, 60_000)).resolves.toBe(false);
    expect(ehr.postMessage).not.toHaveBeenCalled();
  });

  it('completes the sign-in itself when nobody acknowledges', async () => {
    const opener = frameWindow();
    const self = Object.assign(Object.create(window) as Window, { opener, location: window.location });
    self.addEventListener = window.addEventListener.bind(window);
    self.removeEventListener = window.removeEventListener.bind(window);
    await expect(handCallbackToOpener(callbackUrl, self, 20)).resolves.toBe(false);
  });
});
