import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
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
