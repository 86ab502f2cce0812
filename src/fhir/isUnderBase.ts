export const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** True when `url` is the FHIR base or below it (same origin, path prefix at a segment boundary). */
export function isUnderBase(url: string, baseUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(withoutTrailingSlash(baseUrl));
  } catch {
    return false;
  }
  if (target.origin !== base.origin) return false;
  const basePath = withoutTrailingSlash(base.pathname);
  return target.pathname === basePath || target.pathname.startsWith(`${basePath}/`);
}
