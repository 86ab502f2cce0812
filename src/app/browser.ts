// The few browser effects the launch needs, behind one object so tests can observe them.
import { followAuthorizeRedirect, type AuthorizeRedirect } from '../smart/beginLaunch';

export const browser = {
  origin: () => window.location.origin,
  redirectToAuthorize: (redirect: AuthorizeRedirect) => followAuthorizeRedirect(redirect),
};

export const callbackUri = () => `${browser.origin()}/callback`;
