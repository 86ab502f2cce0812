import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import type { Bundle, Observation } from 'fhir/r4';
import type { FhirClient } from '../createFhirClient';
import { useFhirClient } from '../FhirClientContext';
import { codesOf } from '../mappers/codeableConcept';
import { observationDate } from '../mappers/observation';
import { fhirKeys, type LatestObservationsQuery, type ObservationQuery } from '../queryKeys';
import { latestVitalsSearch, observationSearchParams } from './searchParams';
import { entriesOf, nextLink } from './paging';

export { observationSearchParams, UnfilteredObservationSearchError, latestVitalsSearch } from './searchParams';

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

export interface LatestObservations {
  /** The category page, then the follow-up results; each observation once. */
  items: Observation[];
  /** The category page was full: older observations exist beyond it. */
  truncated: boolean;
  /** How many follow-up searches were needed (groups with no usable observation on the category page). */
  followUps: number;
}

const usable = (o: Observation) => o.status !== 'entered-in-error' && o.status !== 'cancelled';
const carries = (o: Observation, group: ReadonlySet<string>) =>
  codesOf(o.code).some((c) => group.has(c)) || (o.component ?? []).some((component) => codesOf(component.code).some((c) => group.has(c)));

/**
 * The newest page of a category in ONE search (`category=…&_sort=-date&_count=…`), then, in parallel, one
 * small `code=` search for each group that has no usable observation on that page (a rarely measured vital sign).
 * A patient measured regularly needs exactly one request.
 */
export async function fetchLatestObservations(client: FhirClient, query: LatestObservationsQuery, signal?: AbortSignal): Promise<LatestObservations> {
  const first = await client.search<Observation>(
    'Observation',
    observationSearchParams({ patient: query.patient, category: query.category, count: query.count }),
    signal,
  );
  const items = entriesOf(first, 'Observation');
  const present = items.filter(usable);
  const missing = query.groups.filter((group) => {
    const codes = new Set(group);
    return !present.some((o) => carries(o, codes));
  });
  const followUps = await Promise.all(
    missing.map((group) => client.search<Observation>('Observation', observationSearchParams({ patient: query.patient, code: [...group], count: query.followUpCount }), signal)),
  );
  const seen = new Set(items.map((o) => o.id).filter(Boolean));
  for (const bundle of followUps) {
    for (const o of entriesOf(bundle, 'Observation')) {
      if (o.id && seen.has(o.id)) continue;
      if (o.id) seen.add(o.id);
      items.push(o);
    }
  }
  return { items, truncated: nextLink(first) !== undefined, followUps: missing.length };
}

export const latestObservationsQuery = (client: FhirClient, query: LatestObservationsQuery) =>
  queryOptions({
    queryKey: fhirKeys.observationLatest(query),
    queryFn: ({ signal }) => fetchLatestObservations(client, query, signal),
  });

export function useLatestObservations(query: LatestObservationsQuery, options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useQuery({ ...latestObservationsQuery(client, query), enabled: options.enabled ?? true });
}

export const latestVitalsQuery = (client: FhirClient, patient: string) => latestObservationsQuery(client, latestVitalsSearch(patient));

export function useLatestVitals(patient: string, options: { enabled?: boolean } = {}) {
  return useLatestObservations(latestVitalsSearch(patient), options);
}

export interface CategoryResult {
  category: string;
  error: unknown;
}

/** One page of a by-category search: a bundle per category that answered, and the categories that failed. */
export interface CategoryPage {
  bundles: Bundle<Observation>[];
  errors: CategoryResult[];
}

const timeOf = (o: Observation) => {
  const t = Date.parse(observationDate(o) ?? '');
  return Number.isNaN(t) ? -Infinity : t;
};
const newestFirst = (a: Observation, b: Observation) => timeOf(b) - timeOf(a);

/**
 * The same search once per category, in parallel, paged together: "Load more" follows every category's `next`
 * link at once. Servers such as Epic refuse an Observation search without a category or code and take one
 * category per search. A category that fails (e.g. 403) is reported beside the others; if all fail, the query fails.
 */
export const observationListByCategoryQuery = (client: FhirClient, query: Omit<ObservationQuery, 'category'>, categories: readonly string[]) =>
  infiniteQueryOptions({
    queryKey: fhirKeys.observationListByCategory(query, categories),
    queryFn: async ({ pageParam, signal }): Promise<CategoryPage> => {
      if (pageParam) return { bundles: await Promise.all(pageParam.map((url) => client.page<Observation>(url, signal))), errors: [] };
      const settled = await Promise.allSettled(categories.map((category) => client.search<Observation>('Observation', observationSearchParams({ ...query, category }), signal)));
      const bundles = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const errors = settled.flatMap((r, i) => (r.status === 'rejected' ? [{ category: categories[i]!, error: r.reason as unknown }] : []));
      if (!bundles.length && errors.length) throw errors[0]!.error;
      return { bundles, errors };
    },
    initialPageParam: undefined as string[] | undefined,
    getNextPageParam: (last) => {
      const links = [...new Set(last.bundles.map(nextLink).filter((l): l is string => !!l))];
      return links.length ? links : undefined;
    },
    select: (data) => {
      const seen = new Set<string>();
      const items: Observation[] = [];
      for (const o of data.pages.flatMap((page) => page.bundles.flatMap((bundle) => entriesOf(bundle, 'Observation')))) {
        if (o.id && seen.has(o.id)) continue;
        if (o.id) seen.add(o.id);
        items.push(o);
      }
      items.sort(newestFirst);
      return { ...data, items, errors: data.pages[0]?.errors ?? [] };
    },
  });

export function useObservationsByCategory(query: Omit<ObservationQuery, 'category'>, categories: readonly string[], options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useInfiniteQuery({ ...observationListByCategoryQuery(client, query, categories), enabled: options.enabled ?? true });
}
