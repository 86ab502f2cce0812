// Query keys, general → specific, so a whole resource type (or everything) can be invalidated at once.
export interface EncounterQuery {
  patient: string;
  /** ISO dates (inclusive). */
  from?: string;
  to?: string;
  count?: number;
}

export interface ObservationQuery {
  patient: string;
  category?: string;
  code?: string | string[];
  encounter?: string;
  from?: string;
  to?: string;
  count?: number;
}

export interface PatientSearchQuery {
  name?: string;
  /** `system|value` or a bare value. */
  identifier?: string;
  count?: number;
}

export const fhirKeys = {
  all: ['fhir'] as const,
  patients: () => [...fhirKeys.all, 'Patient'] as const,
  patient: (id: string) => [...fhirKeys.patients(), 'detail', id] as const,
  patientSearch: (query: PatientSearchQuery) => [...fhirKeys.patients(), 'search', query] as const,
  encounters: () => [...fhirKeys.all, 'Encounter'] as const,
  encounterList: (query: EncounterQuery) => [...fhirKeys.encounters(), 'list', query] as const,
  encounter: (id: string) => [...fhirKeys.encounters(), 'detail', id] as const,
  observations: () => [...fhirKeys.all, 'Observation'] as const,
  observationList: (query: ObservationQuery) => [...fhirKeys.observations(), 'list', query] as const,
  /** One page only (e.g. the latest readings of a code). */
  observationPage: (query: ObservationQuery) => [...fhirKeys.observations(), 'page', query] as const,
  /** Every page of a bounded search (a date range), fetched as one result. */
  observationAll: (query: ObservationQuery) => [...fhirKeys.observations(), 'all', query] as const,
  conditions: () => [...fhirKeys.all, 'Condition'] as const,
  /** Every page of one patient's conditions. */
  conditionAll: (query: ConditionQuery) => [...fhirKeys.conditions(), 'all', query] as const,
  medicationRequests: () => [...fhirKeys.all, 'MedicationRequest'] as const,
  /** Every page of one patient's medication requests. */
  medicationRequestAll: (query: MedicationRequestQuery) => [...fhirKeys.medicationRequests(), 'all', query] as const,
  /** The newest page of a category, completed by small searches for code groups missing from it. */
  observationLatest: (query: LatestObservationsQuery) => [...fhirKeys.observations(), 'latest', query] as const,
  /** The same search once per category, paged together (servers that take one category per search). */
  observationListByCategory: (query: ObservationQuery, categories: readonly string[]) => [...fhirKeys.observations(), 'by-category', query, categories] as const,
};

export interface ConditionQuery {
  patient: string;
  /** e.g. `problem-list-item`; all categories when absent. */
  category?: string;
  count?: number;
}

export interface MedicationRequestQuery {
  patient: string;
  /** e.g. `active`; all statuses when absent. */
  status?: string;
  count?: number;
}

/** The newest observations of a category, so that every code group has its latest readings (e.g. each vital sign). */
export interface LatestObservationsQuery {
  patient: string;
  category: string;
  /** Rows of the one category search (newest first). */
  count: number;
  /** One entry per kind of observation that should have a reading, as the codes that carry it. */
  groups: readonly (readonly string[])[];
  /** Rows of the follow-up search of a group missing from the category page. */
  followUpCount: number;
}
