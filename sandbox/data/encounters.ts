import type { Encounter } from '@medplum/fhirtypes';
import { ENCOUNTER_CLASSES, ENCOUNTER_TYPES, type EncounterClass } from './codes';
import { LOCATIONS, PRACTITIONERS, type PatientSpec } from './patients';
import { between, DATA_START, DAY_MS, intBetween, isoDateTime, REFERENCE_DATE, type Rng } from './prng';

const HOUR_MS = 3_600_000;

export interface Visit {
  id: string;
  index: number;
  cls: EncounterClass;
  start: number;
  end?: number;
  labs: boolean;
  smoking: boolean;
}

function classFor(rng: Rng): EncounterClass {
  const r = rng();
  return r < 0.75 ? 'AMB' : r < 0.9 ? 'EMER' : 'IMP';
}

function startHour(rng: Rng, cls: EncounterClass): number {
  return cls === 'AMB' ? intBetween(rng, 8, 16) : intBetween(rng, 0, 23);
}

function duration(rng: Rng, cls: EncounterClass): number {
  if (cls === 'AMB') return intBetween(rng, 20, 45) * 60_000;
  if (cls === 'EMER') return between(rng, 2, 6) * HOUR_MS;
  return intBetween(rng, 2, 6) * DAY_MS;
}

/** Chronological visits; regular patients every 2-6 months, the large one every few days. */
export function planVisits(spec: PatientSpec, rng: Rng): Visit[] {
  if (spec.plan === 'none') return [];
  const large = spec.plan === 'large';
  const limit = spec.deceasedAt ? spec.deceasedAt - 30 * DAY_MS : REFERENCE_DATE - (large ? 4 : 20) * DAY_MS;
  const raw: Omit<Visit, 'id' | 'index' | 'labs' | 'smoking'>[] = [];
  let day = DATA_START + intBetween(rng, 0, large ? 2 : 90) * DAY_MS;
  while (day < limit) {
    const cls = large ? (rng() < 0.97 ? 'AMB' : 'EMER') : classFor(rng);
    const start = day + startHour(rng, cls) * HOUR_MS + intBetween(rng, 0, 3) * 15 * 60_000;
    raw.push({ cls, start, end: start + duration(rng, cls) });
    day += (large ? intBetween(rng, 2, 5) : intBetween(rng, 60, 180)) * DAY_MS;
  }
  if (spec.deceasedAt) {
    raw.push({ cls: 'IMP', start: spec.deceasedAt - 4 * DAY_MS, end: spec.deceasedAt });
  }
  if (spec.inProgress) {
    raw.push({ cls: 'IMP', start: REFERENCE_DATE - 2 * DAY_MS + 3 * HOUR_MS, end: undefined });
  }
  let lastYear = -1;
  return raw.map((v, index) => {
    const year = new Date(v.start).getUTCFullYear();
    const smoking = year !== lastYear;
    lastYear = year;
    const labs = large ? index % 3 === 0 : v.cls === 'IMP' || rng() < (v.cls === 'EMER' ? 0.7 : 0.4);
    return { ...v, id: `${spec.id}-enc-${String(index + 1).padStart(3, '0')}`, index, labs, smoking };
  });
}

export function encounterResource(spec: PatientSpec, visit: Visit, rng: Rng): Encounter {
  const practitioner = PRACTITIONERS[intBetween(rng, 0, PRACTITIONERS.length - 1)];
  const location = LOCATIONS[visit.cls === 'AMB' ? 0 : 1];
  return {
    resourceType: 'Encounter',
    id: visit.id,
    status: visit.end === undefined ? 'in-progress' : 'finished',
    class: ENCOUNTER_CLASSES[visit.cls],
    type: [ENCOUNTER_TYPES[visit.cls]],
    subject: { reference: `Patient/${spec.id}`, display: spec.displayName },
    participant: [
      {
        type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'ATND', display: 'attender' }] }],
        individual: { reference: `Practitioner/${practitioner.id}`, display: practitioner.name?.[0]?.text },
      },
    ],
    period: { start: isoDateTime(visit.start), ...(visit.end !== undefined ? { end: isoDateTime(visit.end) } : {}) },
    location: [{ location: { reference: `Location/${location.id}`, display: location.name } }],
  };
}
