import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Bundle, Encounter } from 'fhir/r4';
import type { FhirClient } from '../createFhirClient';
import { useFhirClient } from '../FhirClientContext';
import { fhirKeys, type EncounterQuery } from '../queryKeys';
import { entriesOf, nextLink } from './paging';
import { encounterSearchParams } from './searchParams';

export const encounterListQuery = (client: FhirClient, query: EncounterQuery) =>
  infiniteQueryOptions({
    queryKey: fhirKeys.encounterList(query),
    queryFn: ({ pageParam, signal }): Promise<Bundle<Encounter>> =>
      pageParam
        ? client.page<Encounter>(pageParam, signal)
        : client.search<Encounter>(
            'Encounter',
            encounterSearchParams(query),
            signal,
          ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextLink(last),
    select: (data) => ({ ...data, items: data.pages.flatMap((page) => entriesOf(page, 'Encounter')) }),
  });

export function useEncounters(query: EncounterQuery, options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useInfiniteQuery({ ...encounterListQuery(client, query), enabled: options.enabled ?? true });
}

export const encounterQuery = (client: FhirClient, id: string) =>
  queryOptions({
    queryKey: fhirKeys.encounter(id),
    queryFn: ({ signal }) => client.read<Encounter>('Encounter', id, signal),
  });

export function useEncounter(id: string | undefined, options: { enabled?: boolean } = {}) {
  const client = useFhirClient();
  return useQuery({ ...encounterQuery(client, id ?? ''), enabled: !!id && (options.enabled ?? true) });
}
