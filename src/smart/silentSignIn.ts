// Silent re-authorization (prompt=none) in a hidden iframe, so the app never leaves the page: the frame either
// comes back to our /callback, which hands its address to this page and stops, or it ends on a page of another
// origin (an error page such as "id_token_hint is required", a sign-in form, a framing refusal), which counts as
// "the user must sign in" at once; a frame that does neither gives up after a few seconds.
import { followAuthorizeRedirect, type AuthorizeRedirect } from './beginLaunch';
import { appHref } from '../lib/basePath';
import { SmartLaunchError } from './errors';

export const SILENT_FRAME_PREFIX = 'smart-silent-';
const MESSAGE = 'smart-silent-callback';
export const SILENT_TIMEOUT_MS = 6_000;

interface SilentMessage {
  type: typeof MESSAGE;
  url: string;
}

const isSilentMessage = (data: unknown): data is SilentMessage =>
  typeof data === 'object' && data !== null && (data as SilentMessage).type === MESSAGE && typeof (data as SilentMessage).url === 'string';

const loginRequired = (detail: string) => new SmartLaunchError('login_required', detail);

/** Resolves with the callback address the hidden frame reached; rejects with login_required otherwise. */
export function silentSignIn(redirect: AuthorizeRedirect, doc: Document = document, timeoutMs = SILENT_TIMEOUT_MS): Promise<string> {
  const view = doc.defaultView!;
  const origin = view.location.origin;
  const name = `${SILENT_FRAME_PREFIX}${crypto.randomUUID()}`;
  const frame = doc.createElement('iframe');
  frame.name = name;
  frame.title = 'Silent sign-in';
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  return new Promise<string>((resolve, reject) => {
    const done = (outcome: () => void) => {
      clearTimeout(timer);
      view.removeEventListener('message', onMessage);
      frame.remove();
      outcome();
    };
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== origin || event.source !== frame.contentWindow || !isSilentMessage(event.data)) return;
      if (!event.data.url.startsWith(`${origin}${appHref('/callback')}?`)) return;
      const url = event.data.url;
      done(() => resolve(url));
    };
    const onLoad = () => {
      let sameOrigin: boolean;
      try {
        sameOrigin = frame.contentWindow?.location.origin === origin;
      } catch {
        sameOrigin = false;
      }
      // Our own pages (about:blank before a POST, /callback) report by message; anything else is a dead end.
      if (!sameOrigin) done(() => reject(loginRequired('The sign-in server did not sign you in silently.')));
    };
    const timer = setTimeout(() => done(() => reject(loginRequired('The sign-in server did not answer the silent sign-in in time.'))), timeoutMs);
    view.addEventListener('message', onMessage);
    frame.addEventListener('load', onLoad);
    if (redirect.post) {
      doc.body.appendChild(frame);
      followAuthorizeRedirect(redirect, doc, name);
    } else {
      frame.src = redirect.url;
      doc.body.appendChild(frame);
    }
  });
}

/** In /callback: true when this window is our hidden silent-sign-in frame; then it hands its address up and stops. */
export function handCallbackToSilentParent(url: string, self: Window = window): boolean {
  if (!self.name.startsWith(SILENT_FRAME_PREFIX) || self.parent === self) return false;
  self.parent.postMessage({ type: MESSAGE, url } satisfies SilentMessage, self.location.origin);
  return true;
}
