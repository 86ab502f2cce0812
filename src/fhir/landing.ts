// The view a launch lands on (the Summary) and its FHIR requests as the vault gets them: the callback sends them
// the moment the token arrives, before any query code has loaded, and the Summary's hooks, built on the same
// descriptors, get the answers instead of asking again (tests/integration/views/landing.test.tsx checks).
import { searchRequest } from './createFhirClient';
import { encounterSearchParams, latestVitalsSearch, observationSearchParams } from './queries/searchParams';
import type { EncounterQuery, ObservationQuery } from './queryKeys';
import type { FhirRequest } from './wire';

/** The Summary's lab results: the newest page of the laboratory category. */
export const summaryLabsSearch = (patient: string): ObservationQuery => ({ patient, category: 'laboratory', count: 50 });
/** The Summary's recent encounters. */
export const summaryEncountersSearch = (patient: string): EncounterQuery => ({ patient, count: 5 });

export interface LandingContext {
  patientId?: string;
  needPatientBanner: boolean;
  scopes: { canRead(resourceType: string): boolean };
}

/**
 * The first screen's requests: the banner's Patient read, ONE vital-signs search (its follow-ups, if any, depend
 * on its answer), one laboratory search and the encounters.
 */
export function landingRequests(context: LandingContext): FhirRequest[] {
  const patient = context.patientId;
  if (!patient) return [];
  const canRead = (type: string) => context.scopes.canRead(type);
  const requests: FhirRequest[] = [];
  if (context.needPatientBanner && canRead('Patient')) requests.push({ kind: 'read', resourceType: 'Patient', id: patient });
  if (canRead('Observation')) {
    const vitals = latestVitalsSearch(patient);
    requests.push(
      searchRequest('Observation', observationSearchParams({ patient, category: vitals.category, count: vitals.count })),
      searchRequest('Observation', observationSearchParams(summaryLabsSearch(patient))),
    );
  }
  if (canRead('Encounter')) requests.push(searchRequest('Encounter', encounterSearchParams(summaryEncountersSearch(patient))));
  return requests;
}
