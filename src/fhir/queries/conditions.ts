import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Condition } from 'fhir/r4';
import type { FhirClient } from '../createFhirClient';
import { useFhirClient } from '../FhirClientContext';
import { fhirKeys, type ConditionQuery } from '../queryKeys';
import { searchAll } from './searchAll';

export const DEFAULT_CONDITION_PAGES = 5;

/** All of a patient's conditions (problem list and diagnoses), pages of `count`, at most `maxPages`. */
export const allConditionsQuery = (client: FhirClient, query: ConditionQuery, maxPages = DEFAULT_CONDITION_PAGES) =>
  queryOptions({
    queryKey: fhirKeys.conditionAll(query),
    queryFn: ({ signal }) =>
      searchAll<Condition>(client, 'Condition', { patient: query.patient, category: query.category, _count: query.count ?? 100 }, signal, maxPages),
  });

export function useAllConditions(query: ConditionQuery, options: { enabled?: boolean; maxPages?: number } = {}) {
  const client = useFhirClient();
  return useQuery({ ...allConditionsQuery(client, query, options.maxPages), enabled: options.enabled ?? true });
}
