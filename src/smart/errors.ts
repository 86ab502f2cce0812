// Errors the launch and session can end in. The UI switches on `code`; `message` is for a clinician,
// `detail` is a line for the admin (never a token, never a raw server body).
export type SmartErrorCode =
  | 'config_invalid'
  | 'missing_iss'
  | 'iss_not_allowed'
  | 'discovery_failed'
  | 'discovery_invalid'
  | 'access_denied'
  | 'invalid_scope'
  | 'invalid_client'
  | 'server_error'
  | 'authorization_failed'
  | 'state_mismatch'
  | 'issuer_mismatch'
  | 'missing_launch'
  | 'token_exchange_failed'
  | 'id_token_invalid'
  | 'no_pending_launch'
  | 'popup_blocked'
  | 'popup_closed'
  | 'login_required'
  | 'vault_unavailable'
  | 'registration_failed';

const MESSAGES: Record<SmartErrorCode, string> = {
  config_invalid: 'The app is not configured correctly.',
  missing_iss: 'The launch did not say which FHIR server to use.',
  iss_not_allowed: 'This app is not set up to connect to that FHIR server.',
  discovery_failed: 'The FHIR server’s sign-in settings could not be loaded.',
  discovery_invalid: 'The FHIR server’s sign-in settings are incomplete or unsafe.',
  access_denied: 'Access was not granted.',
  invalid_scope: 'The server refused the permissions this app asks for.',
  invalid_client: 'The server does not recognise this app.',
  server_error: 'The sign-in server had a problem.',
  authorization_failed: 'Sign-in failed.',
  state_mismatch: 'This sign-in response does not belong to this window.',
  issuer_mismatch: 'The sign-in response came from an unexpected server.',
  missing_launch: 'The EHR launch is missing its launch context.',
  token_exchange_failed: 'Sign-in could not be completed.',
  id_token_invalid: 'The sign-in server’s identity token could not be verified.',
  no_pending_launch: 'There is no sign-in in progress in this window.',
  popup_blocked: 'The sign-in window was blocked by the browser.',
  popup_closed: 'The sign-in window was closed before sign-in finished.',
  login_required: 'Please sign in again.',
  vault_unavailable: 'The app could not start its secure sign-in component.',
  registration_failed: 'The app could not register with this FHIR server.',
};

export class SmartLaunchError extends Error {
  override readonly name = 'SmartLaunchError';
  /** The launch this error ended, when known: lets the error screen offer the same launch again. */
  launch?: { iss: string; mode: 'ehr' | 'standalone' };
  constructor(
    readonly code: SmartErrorCode,
    readonly detail?: string,
  ) {
    super(MESSAGES[code]);
  }
}

export type SessionEndReason = 'refresh_failed' | 'unauthorized' | 'expired' | 'signed_out' | 'idle' | 'replaced';

export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
  constructor(readonly reason: SessionEndReason) {
    super('Your session has ended.');
  }
}

export function isSmartLaunchError(error: unknown): error is SmartLaunchError {
  return error instanceof Error && error.name === 'SmartLaunchError';
}
