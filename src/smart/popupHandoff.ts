// Sign-in in a popup, for embedded launches whose authorization server refuses to be framed. The popup lands
// on /callback and hands the callback address to the frame that opened it; the frame (which holds the pending
// launch and its PKCE verifier) does the code exchange. Messages go to our exact origin only, and are accepted
// only from our exact origin AND from the very window we opened.
import { appHref } from '../lib/basePath';
import { SmartLaunchError } from './errors';

const CALLBACK = 'smart-popup-callback';
const ACK = 'smart-popup-ack';

interface CallbackMessage {
  type: typeof CALLBACK;
  url: string;
}

const isCallbackMessage = (data: unknown): data is CallbackMessage =>
  typeof data === 'object' && data !== null && (data as CallbackMessage).type === CALLBACK && typeof (data as CallbackMessage).url === 'string';

/** In the opener: resolves with the callback URL the popup sends; rejects if the popup is closed first. */
export function waitForPopupCallback(popup: Window, self: Window = window, pollMs = 500): Promise<string> {
  const origin = self.location.origin;
  return new Promise((resolve, reject) => {
    const finish = () => {
      self.removeEventListener('message', onMessage);
      clearInterval(poll);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== popup || !isCallbackMessage(event.data)) return;
      if (!event.data.url.startsWith(`${origin}${appHref('/callback')}?`)) return;
      finish();
      popup.postMessage({ type: ACK }, origin);
      resolve(event.data.url);
    };
    const poll = setInterval(() => {
      if (!popup.closed) return;
      finish();
      reject(new SmartLaunchError('popup_closed'));
    }, pollMs);
    self.addEventListener('message', onMessage);
  });
}

/** A window of another origin (an EHR that opened the app in a new window) cannot be our sign-in frame. */
function isSameOrigin(other: Window, self: Window): boolean {
  try {
    return other.origin === self.origin;
  } catch {
    return false;
  }
}

/**
 * In the popup: offers the callback URL to the window that opened us. True when it took it (we may close);
 * false when there is no such window of our origin waiting (then this window completes the sign-in itself).
 */
export function handCallbackToOpener(url: string, self: Window = window, timeoutMs = 1500): Promise<boolean> {
  const opener = self.opener as Window | null;
  if (!opener || opener === self || !isSameOrigin(opener, self)) return Promise.resolve(false);
  const origin = self.location.origin;
  return new Promise((resolve) => {
    const done = (taken: boolean) => {
      self.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve(taken);
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin === origin && event.source === opener && (event.data as { type?: unknown })?.type === ACK) done(true);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    self.addEventListener('message', onMessage);
    // targetOrigin = our origin: an opener of any other origin never receives the code.
    opener.postMessage({ type: CALLBACK, url } satisfies CallbackMessage, origin);
  });
}
