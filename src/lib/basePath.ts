// The path the app is served under: '/' by default, '/apps/chart/' for a build made with
// `npm run build -- --base /apps/chart/` (Vite's `base`). Every address the app builds goes through here: the
// config file, the launch and callback URLs (so the redirect URI), the router's basename.
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

/** The router's basename: '' at the root, '/apps/chart' under a sub-path. */
export const basename = BASE.slice(0, -1);

/** The URL path of an app path: '/launch' → '/apps/chart/launch'. */
export const appHref = (path: string): string => `${basename}${path.startsWith('/') ? path : `/${path}`}`;

/** The app path of a URL path under the base ('/apps/chart/launch' → '/launch'), or undefined outside it. */
export function appPath(pathname: string): string | undefined {
  if (!basename) return pathname;
  if (pathname === basename) return '/';
  return pathname.startsWith(BASE) ? pathname.slice(basename.length) : undefined;
}
