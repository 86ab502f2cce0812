// What an `iss` (and any server URL the app is told about) must look like before the app trusts it: a plain
// https URL (http only on this machine's loopback), in canonical form, with no userinfo, query, fragment or
// backslash. Patterns in smart-config.json are matched against this canonical form only, so
// `https://evil.example?.ehr.example.com/fhir` can never pass for a tenant of `https://[^/]+\.ehr\.example\.com/fhir`.
import { SmartLaunchError } from './errors';

export const MAX_ISS_LENGTH = 2048;

export const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** https, or http on loopback (a developer's machine, the sandbox). */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Why `raw` is not an acceptable issuer, or undefined when it is. */
export function issuerProblem(raw: string): string | undefined {
  if (raw.length > MAX_ISS_LENGTH) return `is longer than ${MAX_ISS_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\\\s\u0000-\u001f\u007f]/.test(raw)) return 'contains a backslash, a space or a control character';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'is not an http(s) URL';
  if (!isSecureUrl(url)) return 'must use https (http only on localhost)';
  if (url.username || url.password || raw.includes('@')) return 'must not contain a user name or password';
  if (raw.includes('?') || raw.includes('#')) return 'must not contain a query (?) or fragment (#)';
  if (withoutTrailingSlash(url.href) !== withoutTrailingSlash(raw)) return `is not in canonical form (${withoutTrailingSlash(url.href)})`;
  return undefined;
}

/** The canonical issuer (no trailing slash), or a launch error naming the problem. */
export function canonicalIssuer(raw: string): string {
  const problem = issuerProblem(raw);
  const shown = raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  if (problem) throw new SmartLaunchError('iss_not_allowed', `“${shown}” ${problem}.`);
  return withoutTrailingSlash(raw);
}
