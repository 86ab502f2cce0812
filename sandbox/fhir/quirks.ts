// FHIR server behaviours of the epic profile: Observation searches that need a filter, an OperationOutcome
// entry in search bundles, and paging links with an opaque session parameter.
import { randomBytes } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome } from '@medplum/fhirtypes';
import { HttpError } from './http';

export const SESSION_PARAM = 'sessionID';

/** 400 for an Observation search without `category`, `code` or `_id` (as Epic answers). */
export function requireObservationFilter(type: string, params: URLSearchParams): void {
  if (type !== 'Observation') return;
  const names = new Set([...params.keys()].map((key) => key.split(':')[0]));
  if (!names.has('category') && !names.has('code') && !names.has('_id')) {
    throw new HttpError(400, 'required', 'An Observation search needs a category or code parameter');
  }
}

/** The informational OperationOutcome Epic puts in search bundles, beside the matches. */
export function outcomeEntry(): BundleEntry {
  const resource: OperationOutcome = {
    resourceType: 'OperationOutcome',
    issue: [{
      severity: 'warning',
      code: 'processing',
      details: {
        coding: [{ system: 'urn:oid:1.2.840.114350.1.13.0.1.7.2.657369', code: '4119', display: 'Results may be incomplete' }],
        text: 'This response includes information available to the authorized user at the time of the request. It may not contain the entire record available in the system.',
      },
    }],
  };
  return { resource, search: { mode: 'outcome' } };
}

/**
 * Paging links `<base>/<type>?sessionID=<opaque>`: the query of the next page stays on the server, so a client
 * must follow the link as given. Sessions are kept in memory, the newest MAX.
 */
export class PagingSessions {
  static readonly MAX = 10_000;
  readonly #queries = new Map<string, { type: string; query: string }>();

  constructor(private readonly baseUrl: string) {}

  /** Replaces the bundle's next/previous links by session links. */
  rewrite(bundle: Bundle): Bundle {
    for (const link of bundle.link ?? []) {
      if (link.relation !== 'next' && link.relation !== 'previous') continue;
      const url = new URL(link.url);
      const type = url.pathname.split('/').pop() ?? '';
      link.url = `${this.baseUrl}/${type}?${SESSION_PARAM}=${this.store(type, url.search.slice(1))}`;
    }
    return bundle;
  }

  /** The query a session link stands for; a 400 when the session is unknown or for another type. */
  resolve(type: string, params: URLSearchParams): URLSearchParams {
    const id = params.get(SESSION_PARAM);
    if (id === null) return params;
    const session = this.#queries.get(id);
    if (!session || session.type !== type) throw new HttpError(400, 'invalid', `Unknown or expired ${SESSION_PARAM}`);
    return new URLSearchParams(session.query);
  }

  private store(type: string, query: string): string {
    const id = randomBytes(12).toString('base64url');
    this.#queries.set(id, { type, query });
    if (this.#queries.size > PagingSessions.MAX) this.#queries.delete(this.#queries.keys().next().value!);
    return id;
  }
}
