// The Summary's first screen is three FHIR searches (plus the banner's Patient read): the latest vital signs
// (one category search, see latestVitalsSearch), one laboratory page and the recent encounters. The cards use
// these descriptors, so a prefetch with prefetchSummary fills exactly the cache entries they read.
import type { QueryClient } from '@tanstack/react-query';
import type { FhirClient } from '../../fhir/createFhirClient';
import { encounterListQuery } from '../../fhir/queries/encounters';
import { latestVitalsQuery, observationPageQuery } from '../../fhir/queries/observations';
import { summaryEncountersSearch, summaryLabsSearch } from '../../fhir/landing';

export { summaryEncountersSearch, summaryLabsSearch };

/** Starts the Summary's searches (e.g. the moment the token arrives); the cards then render from the cache. */
export function prefetchSummary(queryClient: QueryClient, client: FhirClient, patientId: string, canRead: (resourceType: string) => boolean): Promise<unknown> {
  const work: Promise<unknown>[] = [];
  if (canRead('Observation')) {
    work.push(queryClient.prefetchQuery(latestVitalsQuery(client, patientId)), queryClient.prefetchQuery(observationPageQuery(client, summaryLabsSearch(patientId))));
  }
  if (canRead('Encounter')) work.push(queryClient.prefetchInfiniteQuery(encounterListQuery(client, summaryEncountersSearch(patientId))));
  return Promise.all(work);
}
