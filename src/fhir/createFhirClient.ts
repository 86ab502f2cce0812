// The one place that talks HTTP to the FHIR server (through fhir-kit-client). The bearer token is attached per
// request, only to URLs under the FHIR base; a 401 gets one refresh and one retry.
import { Client } from 'fhir-kit-client';
import type { Bundle, FhirResource } from 'fhir/r4';
import { FhirFormatError, FhirHttpError, isUnauthorized, toFhirError } from './errors';

export interface TokenSource {
  getAccessToken(): Promise<string>;
  /** Called after a 401 with the token that was refused; resolves to a fresh token (shared refresh). */
  refreshAfterUnauthorized(rejected: string): Promise<string>;
  /** Called when the server still answers 401 after the refresh: the session is over. */
  onUnauthorized(): void;
}

export type SearchParams = Record<string, string | number | string[] | undefined>;

export interface FhirClient {
  readonly baseUrl: string;
  read<T extends FhirResource>(resourceType: T['resourceType'], id: string, signal?: AbortSignal): Promise<T>;
  search<T extends FhirResource>(resourceType: T['resourceType'], params: SearchParams, signal?: AbortSignal): Promise<Bundle<T>>;
  /** Follows a Bundle `next` link (which may point anywhere: the token goes only under the base). */
  page<T extends FhirResource>(url: string, signal?: AbortSignal): Promise<Bundle<T>>;
}

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

type KitClient = InstanceType<typeof Client>;

export function createFhirClient({ baseUrl, tokens }: { baseUrl: string; tokens: TokenSource }): FhirClient {
  const base = withoutTrailingSlash(baseUrl);

  const kitFor = (token: string): KitClient =>
    new Client({
      baseUrl: base,
      requestSigner: (url: string, init: RequestInit) => {
        // fhir-kit-client forces keepalive, which breaks bodies over 64 KiB in Chromium.
        init.keepalive = false;
        const headers = init.headers as Headers;
        headers.delete('authorization');
        if (isUnderBase(url, base)) headers.set('authorization', `Bearer ${token}`);
      },
    });

  async function withToken<R>(call: (kit: KitClient) => Promise<R>): Promise<R> {
    const token = await tokens.getAccessToken();
    try {
      return await call(kitFor(token));
    } catch (error) {
      const normalised = toFhirError(error);
      if (!isUnauthorized(normalised)) throw normalised;
      const fresh = await tokens.refreshAfterUnauthorized(token);
      try {
        return await call(kitFor(fresh));
      } catch (retryError) {
        const again = toFhirError(retryError);
        if (isUnauthorized(again)) tokens.onUnauthorized();
        throw again;
      }
    }
  }

  function expect<T extends FhirResource>(value: unknown, resourceType: string): T {
    const actual = (value as { resourceType?: unknown } | null)?.resourceType;
    if (actual !== resourceType) {
      throw new FhirFormatError(typeof actual === 'string' ? `expected ${resourceType}, got ${actual}` : 'not a FHIR resource');
    }
    return value as T;
  }

  return {
    baseUrl: base,
    read: async (resourceType, id, signal) =>
      expect(await withToken((kit) => kit.read({ resourceType, id, options: { signal } })), resourceType),
    search: async (resourceType, params, signal) => {
      const searchParams = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
      return expect(await withToken((kit) => kit.search({ resourceType, searchParams, options: { signal } })), 'Bundle');
    },
    page: async (url, signal) => {
      const bundle = { resourceType: 'Bundle', link: [{ relation: 'next', url }] };
      return expect(
        await withToken(async (kit) => {
          const next = await kit.nextPage({ bundle, options: { signal } });
          if (next === undefined) throw new FhirHttpError(404, 'No next page.');
          return next;
        }),
        'Bundle',
      );
    },
  };
}
