import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MedicationRequest } from 'fhir/r4';
import type { FhirClient } from '../createFhirClient';
import { useFhirClient } from '../FhirClientContext';
import { fhirKeys, type MedicationRequestQuery } from '../queryKeys';
import { searchAll } from './searchAll';

export const DEFAULT_MEDICATION_REQUEST_PAGES = 5;

/** All of a patient's medication requests (optionally only some statuses), pages of `count`, at most `maxPages`. */
export const allMedicationRequestsQuery = (client: FhirClient, query: MedicationRequestQuery, maxPages = DEFAULT_MEDICATION_REQUEST_PAGES) =>
  queryOptions({
    queryKey: fhirKeys.medicationRequestAll(query),
    queryFn: ({ signal }) =>
      searchAll<MedicationRequest>(
        client,
        'MedicationRequest',
        { patient: query.patient, status: query.status, _count: query.count ?? 100 },
        signal,
        maxPages,
      ),
  });

export function useAllMedicationRequests(query: MedicationRequestQuery, options: { enabled?: boolean; maxPages?: number } = {}) {
  const client = useFhirClient();
  return useQuery({ ...allMedicationRequestsQuery(client, query, options.maxPages), enabled: options.enabled ?? true });
}
