// Turns the address the EHR (or the user) opened into a launch request. Pure: no network, no storage.
import { SmartLaunchError } from './errors';
import { canonicalIssuer } from './issuer';

export type LaunchMode = 'ehr' | 'standalone';

export interface LaunchRequest {
  mode: LaunchMode;
  /** The FHIR base URL, exactly as given. */
  iss: string;
  /** The EHR's opaque launch handle (EHR launch only). */
  launch?: string;
}

export function parseLaunchParams(search: string): LaunchRequest {
  const params = new URLSearchParams(search);
  const iss = params.get('iss')?.trim() ?? '';
  if (!iss) throw new SmartLaunchError('missing_iss', 'The launch URL has no "iss" parameter.');
  canonicalIssuer(iss); // refuses userinfo, query, fragment, backslashes, non-canonical forms, plain http
  if (!params.has('launch')) return { mode: 'standalone', iss };
  const launch = params.get('launch')?.trim() ?? '';
  if (!launch) throw new SmartLaunchError('missing_launch', 'The launch URL has an empty "launch" parameter.');
  return { mode: 'ehr', iss, launch };
}
