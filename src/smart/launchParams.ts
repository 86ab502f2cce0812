// Turns the address the EHR (or the user) opened into a launch request. Pure: no network, no storage.
import { SmartLaunchError } from './errors';

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
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    throw new SmartLaunchError('iss_not_allowed', `"${iss}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SmartLaunchError('iss_not_allowed', `"${iss}" is not an http(s) URL.`);
  }
  if (!params.has('launch')) return { mode: 'standalone', iss };
  const launch = params.get('launch')?.trim() ?? '';
  if (!launch) throw new SmartLaunchError('missing_launch', 'The launch URL has an empty "launch" parameter.');
  return { mode: 'ehr', iss, launch };
}
