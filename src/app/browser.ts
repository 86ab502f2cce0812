// The few browser effects the launch needs, behind one object so tests can observe them.
import { appHref } from '../lib/basePath';
import { followAuthorizeRedirect, type AuthorizeRedirect } from '../smart/beginLaunch';

const POPUP_NAME = 'smart-sign-in';

export const browser = {
  origin: () => window.location.origin,
  redirectToAuthorize: (redirect: AuthorizeRedirect) => followAuthorizeRedirect(redirect),
  /** True inside an EHR's iframe. */
  isFramed: (): boolean => {
    try {
      return window.self !== window.top;
    } catch {
      return true;
    }
  },
  /** Must run inside a click handler (popup blockers). Null when the browser blocked the popup. */
  openSignInPopup: (redirect: AuthorizeRedirect): Window | null => {
    const features = 'popup,width=520,height=720';
    if (!redirect.post) return window.open(redirect.url, POPUP_NAME, features);
    const popup = window.open('', POPUP_NAME, features);
    if (popup) followAuthorizeRedirect(redirect, document, POPUP_NAME);
    return popup;
  },
};

export const callbackUri = () => `${browser.origin()}${appHref('/callback')}`;
