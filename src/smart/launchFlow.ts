// /launch as a plain function (no React, so the launch page can run it before any UI code loads): check the
// launch URL, discover, build the authorize request, and either follow it or, in an EHR frame whose server
// refuses framing, hand it back for a sign-in popup opened from a click.
import { prepareAuthorize, type AuthorizeRedirect } from './beginLaunch';
import { findServer, type AppConfig } from './config';
import { parseLaunchParams } from './launchParams';

/** Redirected: the browser is on its way. Popup: the user must click to open the sign-in window. */
export type LaunchOutcome = { kind: 'redirected' } | { kind: 'popup'; redirect: AuthorizeRedirect };

export interface LaunchEnvironment {
  redirectUri: string;
  framed: boolean;
  follow: (redirect: AuthorizeRedirect) => void;
}

export async function startLaunch(config: AppConfig, search: string, env: LaunchEnvironment): Promise<LaunchOutcome> {
  const request = parseLaunchParams(search);
  const redirect = await prepareAuthorize({ config, request, redirectUri: env.redirectUri });
  if (env.framed && findServer(config, request.iss)?.popupWhenFramed) return { kind: 'popup', redirect };
  env.follow(redirect);
  return { kind: 'redirected' };
}
