// The one place that talks HTTP to the FHIR server (through fhir-kit-client), inside the token vault. The bearer
// token is attached per request, only to URLs under the FHIR base; a redirect is an error (it could carry the
// token elsewhere); a `next` link outside the base is refused; a 401 gets one refresh and one retry.
import { Client } from 'fhir-kit-client';
import { FhirForeignLinkError, FhirFormatError, FhirHttpError, isUnauthorized, toFhirError } from '../fhir/errors';
import { isUnderBase, withoutTrailingSlash } from '../fhir/isUnderBase';
import type { FhirRequest } from './api';

export interface TokenSource {
  getAccessToken(): Promise<string>;
  /** Called after a 401 with the token that was refused; resolves to a fresh token (shared refresh). */
  refreshAfterUnauthorized(rejected: string): Promise<string>;
  /** Called when the server still answers 401 after the refresh: the session is over. */
  onUnauthorized(): void;
}

type KitClient = InstanceType<typeof Client>;

export function createVaultFhirClient({ baseUrl, tokens }: { baseUrl: string; tokens: TokenSource }) {
  const base = withoutTrailingSlash(baseUrl);

  const kitFor = (token: string): KitClient =>
    new Client({
      baseUrl: base,
      requestSigner: (url: string, init: RequestInit) => {
        // fhir-kit-client forces keepalive, which breaks bodies over 64 KiB in Chromium.
        init.keepalive = false;
        init.redirect = 'error';
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

  function expect(value: unknown, resourceType: string): unknown {
    const actual = (value as { resourceType?: unknown } | null)?.resourceType;
    if (actual !== resourceType) {
      throw new FhirFormatError(typeof actual === 'string' ? `expected ${resourceType}, got ${actual}` : 'not a FHIR resource');
    }
    return value;
  }

  /** Performs `request`; resolves to the resource or Bundle JSON (fhir-kit-client's hidden properties do not clone). */
  return async function perform(request: FhirRequest, signal?: AbortSignal): Promise<unknown> {
    switch (request.kind) {
      case 'read':
        return expect(await withToken((kit) => kit.read({ resourceType: request.resourceType, id: request.id, options: { signal } })), request.resourceType);
      case 'search':
        return expect(await withToken((kit) => kit.search({ resourceType: request.resourceType, searchParams: request.params, options: { signal } })), 'Bundle');
      case 'page': {
        if (!isUnderBase(request.url, base)) throw new FhirForeignLinkError(request.url);
        const bundle = { resourceType: 'Bundle', link: [{ relation: 'next', url: request.url }] };
        return expect(
          await withToken(async (kit) => {
            const next = await kit.nextPage({ bundle, options: { signal } });
            if (next === undefined) throw new FhirHttpError(404, 'No next page.');
            return next;
          }),
          'Bundle',
        );
      }
    }
  };
}
