import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import type { Bundle, Observation } from 'fhir/r4';
import type { FhirClient, SearchParams } from '../createFhirClient';
import { useFhirClient } from '../FhirClientContext';
import { fhirKeys, type ObservationQuery } from '../queryKeys';
import { dateRange, entriesOf, nextLink } from './paging';

export function observationSearchParams(query: ObservationQuery): SearchParams {
  return {
    patient: query.patient,
    category: query.category,
    code: Array.isArray(query.code) ? query.code.join(',') : query.code,
    encounter: query.encounter,
    date: dateRange(query.from, query.to),
    _sort: '-date',
    _count: query.count ?? 50,
  };
}

export const observationListQuery = (client: FhirClient, query: ObservationQuery) =>
  infiniteQueryOptions({
    queryKey: fhirKeys.observationList(query),
    queryFn: ({ pageParam, signal }): Promise<Bundle<Observation>> =>
      pageParam
        ? client.page<Observation>(pageParam, signal)
        : client.search<Observation>('Observation', observationSearchParams(query), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextLink(last),
    select: (data) => ({ ...data, items: data.pages.flatMap((page) => entriesOf(page, 'Observation')) }),
  });

export function useObservations(query: ObservationQuery, options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useInfiniteQuery({ ...observationListQuery(client, query), enabled: options.enabled ?? true });
}

export interface ObservationPage {
  items: Observation[];
  total?: number;
  /** The server has more results than this page. */
  hasMore: boolean;
}

/** The first page of a search and nothing more: for "the latest N" questions. */
export const observationPageQuery = (client: FhirClient, query: ObservationQuery) =>
  queryOptions({
    queryKey: fhirKeys.observationPage(query),
    queryFn: async ({ signal }): Promise<ObservationPage> => {
      const bundle = await client.search<Observation>('Observation', observationSearchParams(query), signal);
      return { items: entriesOf(bundle, 'Observation'), total: bundle.total, hasMore: nextLink(bundle) !== undefined };
    },
  });

export function useObservationPage(query: ObservationQuery, options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useQuery({ ...observationPageQuery(client, query), enabled: options.enabled ?? true });
}

export interface AllObservations {
  items: Observation[];
  total?: number;
  /** Stopped at the page limit while the server still had a `next` page. */
  truncated: boolean;
  pages: number;
}

export const DEFAULT_MAX_PAGES = 20;

/** Follows `next` links until the search is exhausted or `maxPages` pages were read. */
export async function fetchAllPages(client: FhirClient, query: ObservationQuery, signal: AbortSignal | undefined, maxPages = DEFAULT_MAX_PAGES): Promise<AllObservations> {
  let bundle = await client.search<Observation>('Observation', observationSearchParams(query), signal);
  const total = bundle.total;
  const items = entriesOf(bundle, 'Observation');
  let pages = 1;
  let next = nextLink(bundle);
  while (next && pages < maxPages) {
    signal?.throwIfAborted(); // cancelled (range switched, view left): no further pages
    bundle = await client.page<Observation>(next, signal);
    for (const item of entriesOf(bundle, 'Observation')) items.push(item);
    pages += 1;
    next = nextLink(bundle);
  }
  return { items, total, truncated: next !== undefined, pages };
}

/**
 * Every result of a BOUNDED search (give it a date range or a small result set) in one query: pages of
 * `query.count` (e.g. 1000) are read one after another, at most `maxPages`.
 */
export const allObservationsQuery = (client: FhirClient, query: ObservationQuery, maxPages = DEFAULT_MAX_PAGES) =>
  queryOptions({
    queryKey: fhirKeys.observationAll(query),
    queryFn: ({ signal }) => fetchAllPages(client, query, signal, maxPages),
    // Thousands of resources: comparing them deeply on every refetch costs more than it saves.
    structuralSharing: false,
  });

export function useAllObservations(query: ObservationQuery, options: { enabled?: boolean; maxPages?: number; keepPrevious?: boolean } = {}) {
  const client = useFhirClient();
  return useQuery({
    ...allObservationsQuery(client, query, options.maxPages),
    enabled: options.enabled ?? true,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/** Several one-page searches in parallel (e.g. the latest readings of each vital sign, one search per code). */
export function useObservationPages(queries: readonly ObservationQuery[], options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useQueries({ queries: queries.map((query) => ({ ...observationPageQuery(client, query), enabled: options.enabled ?? true })) });
}
