import { queryOptions, useQuery, infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Bundle, Patient } from 'fhir/r4';
import type { FhirClient } from '../createFhirClient';
import { useFhirClient } from '../FhirClientContext';
import { fhirKeys, type PatientSearchQuery } from '../queryKeys';
import { entriesOf, nextLink } from './paging';

export const patientQuery = (client: FhirClient, id: string) =>
  queryOptions({
    queryKey: fhirKeys.patient(id),
    queryFn: ({ signal }) => client.read<Patient>('Patient', id, signal),
  });

export function usePatient(id: string | undefined) {
  const client = useFhirClient();
  return useQuery({ ...patientQuery(client, id ?? ''), enabled: !!id });
}

export const patientSearchQuery = (client: FhirClient, query: PatientSearchQuery) =>
  infiniteQueryOptions({
    queryKey: fhirKeys.patientSearch(query),
    queryFn: ({ pageParam, signal }): Promise<Bundle<Patient>> =>
      pageParam
        ? client.page<Patient>(pageParam, signal)
        : client.search<Patient>('Patient', { name: query.name, identifier: query.identifier, _count: query.count ?? 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => nextLink(last),
    select: (data) => ({ ...data, items: data.pages.flatMap((page) => entriesOf(page, 'Patient')) }),
  });

export function usePatientSearch(query: PatientSearchQuery | undefined) {
  const client = useFhirClient();
  return useInfiniteQuery({ ...patientSearchQuery(client, query ?? {}), enabled: !!(query?.name || query?.identifier) });
}

/** True for a patient-search key: the one kind of cached data that survives a patient switch. */
export function isPatientSearchKey(queryKey: readonly unknown[]): boolean {
  const search = fhirKeys.patientSearch({});
  return queryKey.length === search.length && queryKey.slice(0, -1).every((part, i) => part === search[i]);
}
