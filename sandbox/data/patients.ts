import type { Coding, Location, Patient, Practitioner } from '@medplum/fhirtypes';
import { IDENTIFIER_TYPE, LABS, SMOKING_ANSWERS, type LabKey } from './codes';
import { between, DATA_START, DAY_MS, gauss, intBetween, isoDate, isoDateTime, pick, type Rng } from './prng';

export const MRN_SYSTEM = 'urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14';

export type EncounterPlan = 'none' | 'regular' | 'large';

export interface Baseline {
  weight: number;
  /** kg per year */
  weightDrift: number;
  height: number;
  systolic: number;
  diastolic: number;
  heartRate: number;
  respRate: number;
  temperature: number;
  spo2: number;
  lab: Record<LabKey, number>;
  smoking: Coding;
}

export interface PatientSpec {
  id: string;
  resource: Patient;
  displayName: string;
  mrn: string;
  tags: string[];
  plan: EncounterPlan;
  deceasedAt?: number;
  inProgress: boolean;
  baseline: Baseline;
}

const FEMALE = ['Maria', 'Aisha', 'Emma', 'Sofia', 'Mei', 'Olivia', 'Fatima', 'Grace', 'Hannah', 'Ingrid', 'Lucia', 'Priya'];
const MALE = ['James', 'Omar', 'Liam', 'Kenji', 'Mateo', 'Noah', 'Arjun', 'Lucas', 'Samuel', 'Tomasz', 'Diego', 'Henry'];
const FAMILY = ['Garcia', 'Okafor', 'Nguyen', 'Schmidt', 'Johansson', 'Patel', 'Kowalski', 'Haddad', 'Tanaka', 'Murphy', 'Rossi', 'Dubois', 'Silva', 'Cohen', 'Larsen'];

export const PRACTITIONERS: Practitioner[] = [
  ['pr-1', 'Alice', 'Nguyen'],
  ['pr-2', 'Robert', 'Mensah'],
  ['pr-3', 'Elena', 'Petrova'],
  ['pr-4', 'David', 'Kim'],
].map(([id, given, family]) => ({
  resourceType: 'Practitioner',
  id,
  active: true,
  name: [{ use: 'official', family, given: [given], prefix: ['Dr.'], text: `Dr. ${given} ${family}` }],
}));

export const LOCATIONS: Location[] = [
  { resourceType: 'Location', id: 'loc-clinic', status: 'active', name: 'Sandbox Family Clinic', mode: 'instance' },
  { resourceType: 'Location', id: 'loc-hospital', status: 'active', name: 'Sandbox General Hospital', mode: 'instance' },
];

function baseline(rng: Rng, gender: string, conditions: { diabetic: boolean; ckd: boolean; lipids: boolean }): Baseline {
  const height = gender === 'female' ? between(rng, 155, 172) : between(rng, 165, 190);
  const bmi = between(rng, 20, 33);
  const lab = Object.fromEntries(LABS.map((l) => [l.key, l.mean + gauss(rng) * l.sd * 0.6])) as Record<LabKey, number>;
  if (conditions.diabetic) Object.assign(lab, { a1c: between(rng, 6.8, 8.8), glucose: between(rng, 130, 210) });
  if (conditions.ckd) Object.assign(lab, { creatinine: between(rng, 1.6, 2.6), potassium: between(rng, 4.6, 5.2), hemoglobin: between(rng, 10.5, 12) });
  if (conditions.lipids) Object.assign(lab, { chol: between(rng, 225, 270), ldl: between(rng, 145, 185), hdl: between(rng, 34, 44) });
  if (gender === 'female') lab.hemoglobin -= 1;
  return {
    weight: bmi * (height / 100) ** 2,
    weightDrift: between(rng, -1.5, 2.5),
    height,
    systolic: between(rng, 108, 150) + (conditions.ckd ? 10 : 0),
    diastolic: between(rng, 68, 92),
    heartRate: between(rng, 58, 86),
    respRate: between(rng, 12, 18),
    temperature: between(rng, 36.5, 37),
    spo2: between(rng, 95, 99),
    lab,
    smoking: pick(rng, SMOKING_ANSWERS),
  };
}

interface EdgeCase {
  id: string;
  tag: string;
  plan: EncounterPlan;
  given?: string[];
  family?: string;
  text?: string;
}

const EDGE_CASES: EdgeCase[] = [
  { id: 'p-large', tag: 'large', plan: 'large', given: ['Walter'], family: 'Longstay' },
  { id: 'p-empty', tag: 'empty', plan: 'none', given: ['Nora'], family: 'Blank' },
  { id: 'p-deceased', tag: 'deceased', plan: 'regular', given: ['Harold'], family: 'Finch' },
  {
    id: 'p-markup',
    tag: 'markup',
    plan: 'regular',
    given: ['<img src=x onerror=alert(1)>', 'Bobby'],
    family: '<script>alert("xss")</script>Tables',
    text: '<img src=x onerror=alert(1)> Bobby <script>alert("xss")</script>Tables',
  },
  { id: 'p-mixed-units', tag: 'mixed-units', plan: 'regular', given: ['Ursula'], family: 'Imperial' },
];

export const DECEASED_AT = Date.UTC(2025, 2, 14, 6, 40);
const REGULAR_COUNT = 20;

export function patientSpecs(seedRng: (stream: number) => Rng): PatientSpec[] {
  const specs: PatientSpec[] = [];
  const total = REGULAR_COUNT + EDGE_CASES.length;
  for (let i = 0; i < total; i++) {
    const rng = seedRng(i);
    const edge = i < REGULAR_COUNT ? undefined : EDGE_CASES[i - REGULAR_COUNT];
    const id = edge?.id ?? `p-${String(i + 1).padStart(3, '0')}`;
    const gender = edge?.id === 'p-mixed-units' || edge?.id === 'p-empty' ? 'female' : edge ? 'male' : rng() < 0.5 ? 'female' : 'male';
    const given = edge?.given ?? [pick(rng, gender === 'female' ? FEMALE : MALE)];
    const family = edge?.family ?? pick(rng, FAMILY);
    const birthMs = DATA_START - intBetween(rng, 18 * 365, 88 * 365) * DAY_MS;
    const birthDate = edge?.id === 'p-large' ? '1952-07-19' : isoDate(birthMs);
    const mrn = `E${String(100_000 + i * 137).padStart(7, '0')}`;
    const deceasedAt = edge?.tag === 'deceased' ? DECEASED_AT : undefined;
    const displayName = edge?.text ?? `${given.join(' ')} ${family}`;
    const conditions = {
      diabetic: edge?.id === 'p-large' || (!edge && rng() < 0.3),
      ckd: edge?.id === 'p-large' || (!edge && rng() < 0.15),
      lipids: !edge && rng() < 0.35,
    };
    const resource: Patient = {
      resourceType: 'Patient',
      id,
      active: true,
      identifier: [
        {
          use: 'usual',
          type: { coding: [{ system: IDENTIFIER_TYPE, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
          system: MRN_SYSTEM,
          value: mrn,
        },
      ],
      name: [{ use: 'official', family, given, ...(edge?.text ? { text: edge.text } : {}) }],
      gender,
      birthDate,
      ...(deceasedAt ? { deceasedDateTime: isoDateTime(deceasedAt) } : {}),
      generalPractitioner: [{ reference: `Practitioner/${PRACTITIONERS[i % PRACTITIONERS.length].id}` }],
    };
    const inProgress = edge?.id === 'p-large' || (!edge && i % 5 === 0);
    specs.push({
      id,
      resource,
      displayName,
      mrn,
      tags: [...(edge ? [edge.tag] : []), ...(inProgress ? ['in-progress'] : [])],
      plan: edge?.plan ?? 'regular',
      deceasedAt,
      inProgress,
      baseline: baseline(rng, gender, conditions),
    });
  }
  return specs;
}
