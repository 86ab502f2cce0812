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
