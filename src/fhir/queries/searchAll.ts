import type { FhirResource } from 'fhir/r4';
import type { FhirClient, SearchParams } from '../createFhirClient';
import { entriesOf, nextLink } from './paging';

export interface AllResults<T> {
  items: T[];
  total?: number;
  /** Stopped at the page limit while the server still had a `next` page. */
  truncated: boolean;
}

/** Every page of a small search (one patient's conditions, medication requests), at most `maxPages`. */
export async function searchAll<T extends FhirResource>(
  client: FhirClient,
  resourceType: T['resourceType'],
  params: SearchParams,
  signal: AbortSignal | undefined,
  maxPages: number,
): Promise<AllResults<T>> {
  let bundle = await client.search<T>(resourceType, params, signal);
  const total = bundle.total;
  const items = entriesOf(bundle, resourceType);
  let pages = 1;
  let next = nextLink(bundle);
  while (next && pages < maxPages) {
    signal?.throwIfAborted();
    bundle = await client.page<T>(next, signal);
    items.push(...entriesOf(bundle, resourceType));
    pages += 1;
    next = nextLink(bundle);
  }
  return { items, total, truncated: next !== undefined };
}
