// The page's FHIR client: typed reads and searches, each sent to the token vault (a Web Worker that attaches
// the bearer token, confines it to the FHIR base and handles 401s). What comes back is plain JSON.
import type { Bundle, FhirResource } from 'fhir/r4';
import { fromWireError, type FhirRequest, type Outcome } from './wire';

/** Sends one request to the vault; `signal` cancels it there. */
export type FhirTransport = (request: FhirRequest, signal?: AbortSignal) => Promise<Outcome<unknown>>;

export type SearchParams = Record<string, string | number | string[] | undefined>;

export interface FhirClient {
  readonly baseUrl: string;
  read<T extends FhirResource>(resourceType: T['resourceType'], id: string, signal?: AbortSignal): Promise<T>;
  search<T extends FhirResource>(resourceType: T['resourceType'], params: SearchParams, signal?: AbortSignal): Promise<Bundle<T>>;
  /** Follows a Bundle `next` link (refused when it leaves the FHIR base). */
  page<T extends FhirResource>(url: string, signal?: AbortSignal): Promise<Bundle<T>>;
}

/** A search as the vault gets it: parameters without undefined values, numbers as strings. */
export function searchRequest(resourceType: string, params: SearchParams): FhirRequest {
  return { kind: 'search', resourceType, params: searchParams(params) };
}

function searchParams(params: SearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value : String(value);
  }
  return out;
}

export function createFhirClient({ baseUrl, transport }: { baseUrl: string; transport: FhirTransport }): FhirClient {
  async function call<R>(request: FhirRequest, signal?: AbortSignal): Promise<R> {
    const outcome = await transport(request, signal);
    if (!outcome.ok) throw fromWireError(outcome.error);
    return outcome.value as R;
  }
  return {
    baseUrl,
    read: (resourceType, id, signal) => call({ kind: 'read', resourceType, id }, signal),
    search: (resourceType, params, signal) => call(searchRequest(resourceType, params), signal),
    page: (url, signal) => call({ kind: 'page', url }, signal),
  };
}
