// The search parameters of each kind of FHIR search the app makes: pure, so that the callback can send the
// landing view's searches (src/fhir/landing.ts) before any query code has loaded, exactly as the hooks will.
import type { SearchParams } from '../createFhirClient';
import type { EncounterQuery, LatestObservationsQuery, ObservationQuery } from '../queryKeys';
import { VITALS } from '../mappers/vitals';
import { dateRange } from './paging';

/** Thrown for a search that would ask for every observation of a patient (Epic and others answer it with 400). */
export class UnfilteredObservationSearchError extends Error {
  constructor() {
    super('An Observation search needs a category or a code: servers such as Epic refuse one without.');
    this.name = 'UnfilteredObservationSearchError';
  }
}

export function observationSearchParams(query: ObservationQuery): SearchParams {
  const hasCode = Array.isArray(query.code) ? query.code.length > 0 : !!query.code;
  if (!query.category && !hasCode) throw new UnfilteredObservationSearchError();
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

export function encounterSearchParams(query: EncounterQuery): SearchParams {
  return { patient: query.patient, date: dateRange(query.from, query.to), _sort: '-date', _count: query.count ?? 20 };
}

/**
 * The latest readings of every vital sign: ONE `category=vital-signs` search of the newest 100 (at 8 kinds a
 * visit, about a dozen visits, so each kind has its latest and previous reading), plus a search of 4 for a kind
 * missing from it. Shared by the Summary cards and the Vitals view (which opens on a range containing them).
 */
export const latestVitalsSearch = (patient: string): LatestObservationsQuery => ({
  patient,
  category: 'vital-signs',
  count: 100,
  groups: VITALS.map((def) => def.codes),
  followUpCount: 4,
});
