// The FHIR requests of the view a launch lands on (the Summary), as the vault gets them: the callback sends
// them the moment the token arrives, and the Summary's queries, when their code has loaded, get the answers.
// They must be exactly the requests the Summary's hooks make (tests/unit/fhir/landing.test.ts checks).
import { searchRequest } from './createFhirClient';
import type { FhirRequest } from './wire';

export interface LandingContext {
  patientId?: string;
  needPatientBanner: boolean;
  scopes: { canRead(resourceType: string): boolean };
}

export function landingRequests(context: LandingContext): FhirRequest[] {
  const patient = context.patientId;
  if (!patient) return [];
  const requests: FhirRequest[] = [];
  if (context.needPatientBanner && context.scopes.canRead('Patient')) requests.push({ kind: 'read', resourceType: 'Patient', id: patient });
  if (context.scopes.canRead('Encounter')) {
    requests.push(searchRequest('Encounter', { patient, _sort: '-date', _count: 5 }));
  }
  return requests;
}
