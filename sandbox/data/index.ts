import type { Resource } from '@medplum/fhirtypes';
import { encounterResource, planVisits } from './encounters';
import { observationFactory } from './observations';
import { LOCATIONS, MRN_SYSTEM, patientSpecs, PRACTITIONERS } from './patients';
import { mulberry32 } from './prng';
import { riskPatients } from './risk';

export { MRN_SYSTEM };
export { REFERENCE_DATE } from './prng';

export interface PatientSummary {
  id: string;
  name: string;
  mrn: string;
  birthDate: string;
  gender: string;
  deceased: boolean;
  tags: string[];
  latestEncounterId?: string;
}
export interface PractitionerSummary {
  id: string;
  name: string;
}
export interface Dataset {
  resources: Resource[];
  patients: PatientSummary[];
  practitioners: PractitionerSummary[];
}

export const DEFAULT_SEED = 20261101;

/** Deterministic synthetic dataset: same seed, same resources (ids, values, order). */
export function generateDataset(seed: number = DEFAULT_SEED): Dataset {
  // One independent stream per patient and purpose, so changing one patient does not shift the others.
  const stream = (purpose: number) => (patient: number) => mulberry32((seed ^ Math.imul(patient + 1, 0x9e3779b1) ^ (purpose << 24)) >>> 0);
  const specs = patientSpecs(stream(1));
  const resources: Resource[] = [...PRACTITIONERS, ...LOCATIONS, ...specs.map((s) => s.resource)];
  const patients: PatientSummary[] = [];

  specs.forEach((spec, i) => {
    const visits = planVisits(spec, stream(2)(i));
    const encounterRng = stream(3)(i);
    const observations = observationFactory(spec, stream(4)(i));
    for (const visit of visits) {
      resources.push(encounterResource(spec, visit, encounterRng), ...observations(visit));
    }
    patients.push({
      id: spec.id,
      name: spec.displayName,
      mrn: spec.mrn,
      birthDate: spec.resource.birthDate ?? '',
      gender: spec.resource.gender ?? 'unknown',
      deceased: spec.deceasedAt !== undefined,
      tags: spec.tags,
      ...(visits.length ? { latestEncounterId: visits[visits.length - 1].id } : {}),
    });
  });

  const risk = riskPatients();
  resources.push(...risk.resources);
  patients.push(...risk.patients);

  return {
    resources,
    patients,
    practitioners: PRACTITIONERS.map((p) => ({ id: p.id as string, name: p.name?.[0]?.text ?? '' })),
  };
}
