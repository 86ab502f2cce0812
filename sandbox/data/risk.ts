// Patients for the cardiovascular risk view: complete inputs, missing inputs, stale inputs, out of the equations'
// ranges, and lipids recorded in mmol/L; with conditions (diabetes, hypertension) and medication requests
// (antihypertensives, others). Fixed values (no randomness): the tests and the README can name what each shows.
// Unlike the rest of the dataset (relative to REFERENCE_DATE), these dates are relative to the day the sandbox
// starts: the view judges staleness and age against today, so fixed dates would turn "recent" values stale, and
// patients older, as the calendar moves on (same data all day; deterministic within a day).
import type { CodeableConcept, Condition, Encounter, Extension, MedicationRequest, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { category, ENCOUNTER_CLASSES, ENCOUNTER_TYPES, IDENTIFIER_TYPE, interpretationConcept, LABS, SMOKING_STATUS, SNOMED, UCUM, VITALS, type InterpretationCode } from './codes';
import type { PatientSummary } from './index';
import { LOCATIONS, MRN_SYSTEM, PRACTITIONERS } from './patients';
import { DAY_MS, isoDate, isoDateTime } from './prng';

/** Midnight UTC of today: the anchor of every date below. */
const TODAY = Math.floor(Date.now() / DAY_MS) * DAY_MS;
const REFERENCE_DATE = TODAY;
/** A birth date `age` years (and a month) before today: the patient is `age` whatever the day. */
const bornYearsAgo = (age: number) => {
  const d = new Date(TODAY);
  return isoDate(Date.UTC(d.getUTCFullYear() - age, d.getUTCMonth() - 1, Math.min(d.getUTCDate(), 28)));
};

const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const US_CORE_RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
const OMB = 'urn:oid:2.16.840.1.113883.6.238';

const RACES = {
  black: { code: '2054-5', display: 'Black or African American' },
  white: { code: '2106-3', display: 'White' },
  asian: { code: '2028-9', display: 'Asian' },
};

const CONDITIONS = {
  diabetesType2: {
    coding: [
      { system: SNOMED, code: '44054006', display: 'Diabetes mellitus type 2' },
      { system: ICD10CM, code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
    ],
    text: 'Type 2 diabetes mellitus',
  },
  diabetesIcdOnly: { coding: [{ system: ICD10CM, code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' }], text: 'Type 2 diabetes' },
  hypertension: {
    coding: [
      { system: SNOMED, code: '38341003', display: 'Hypertensive disorder, systemic arterial' },
      { system: ICD10CM, code: 'I10', display: 'Essential (primary) hypertension' },
    ],
    text: 'Hypertension',
  },
  familialHypercholesterolemia: {
    coding: [
      { system: SNOMED, code: '398036000', display: 'Familial hypercholesterolemia' },
      { system: ICD10CM, code: 'E78.01', display: 'Familial hypercholesterolemia' },
    ],
    text: 'Familial hypercholesterolaemia',
  },
} satisfies Record<string, CodeableConcept>;

const MEDICATIONS = {
  amlodipine: { code: '197361', display: 'amlodipine 5 MG Oral Tablet' },
  lisinopril: { code: '314076', display: 'lisinopril 10 MG Oral Tablet' },
  hydrochlorothiazide: { code: '310798', display: 'hydrochlorothiazide 25 MG Oral Tablet' },
  metformin: { code: '861007', display: 'metformin hydrochloride 500 MG Oral Tablet' },
  atorvastatin: { code: '617310', display: 'atorvastatin 20 MG Oral Tablet' },
};

type Lipid = { value: number; unit: 'mg/dL' | 'mmol/L' };

interface RiskPatientDef {
  id: string;
  tag: string;
  given: string;
  family: string;
  gender: 'female' | 'male';
  birthDate: string;
  race?: keyof typeof RACES;
  /** Days before today of each visit's readings. */
  labs?: { daysAgo: number; total?: Lipid; hdl?: Lipid };
  bp?: { daysAgo: number; systolic: number; diastolic: number; standAlone?: boolean };
  smoking?: { daysAgo: number; code: string; display: string };
  conditions?: { concept: CodeableConcept; onset: string; clinical?: string }[];
  medications?: { med: keyof typeof MEDICATIONS; status: MedicationRequest['status']; daysAgo: number }[];
}

const mgdl = (value: number): Lipid => ({ value, unit: 'mg/dL' });
const mmol = (value: number): Lipid => ({ value, unit: 'mmol/L' });

export const RISK_PATIENTS: RiskPatientDef[] = [
  {
    // Every input in the chart and recent: both scores are numbers.
    id: 'p-risk-complete',
    tag: 'risk-complete',
    given: 'Marcus',
    family: 'Reed',
    gender: 'male',
    birthDate: bornYearsAgo(58),
    race: 'black',
    labs: { daysAgo: 40, total: mgdl(212), hdl: mgdl(46) },
    bp: { daysAgo: 20, systolic: 136, diastolic: 84 },
    smoking: { daysAgo: 20, code: '449868002', display: 'Smokes tobacco daily' },
    conditions: [{ concept: CONDITIONS.hypertension, onset: '2017-03-08' }],
    medications: [
      { med: 'amlodipine', status: 'active', daysAgo: 400 },
      { med: 'atorvastatin', status: 'active', daysAgo: 900 },
    ],
  },
  {
    // Only total cholesterol: no race, HDL, blood pressure, smoking status, conditions or medications.
    id: 'p-risk-missing',
    tag: 'risk-missing',
    given: 'Elena',
    family: 'Vasquez',
    gender: 'female',
    birthDate: bornYearsAgo(62),
    labs: { daysAgo: 60, total: mgdl(205) },
  },
  {
    // Lipids, blood pressure (stand-alone 8480-6/8462-4) and smoking status two to three years old; diabetes.
    id: 'p-risk-stale',
    tag: 'risk-stale',
    given: 'Gordon',
    family: 'Blake',
    gender: 'male',
    birthDate: bornYearsAgo(51),
    race: 'white',
    labs: { daysAgo: 1100, total: mgdl(214), hdl: mgdl(45) },
    bp: { daysAgo: 800, systolic: 138, diastolic: 86, standAlone: true },
    smoking: { daysAgo: 800, code: '8517006', display: 'Ex-smoker' },
    conditions: [
      { concept: CONDITIONS.hypertension, onset: '2021-06-15' },
      { concept: CONDITIONS.diabetesType2, onset: '2022-01-10' },
    ],
    medications: [
      { med: 'lisinopril', status: 'active', daysAgo: 1200 },
      { med: 'metformin', status: 'active', daysAgo: 1100 },
      { med: 'hydrochlorothiazide', status: 'stopped', daysAgo: 1500 },
    ],
  },
  {
    // Age 36 and total cholesterol 334 mg/dL: outside the Pooled Cohort Equations' ranges (Framingham applies).
    id: 'p-risk-range',
    tag: 'risk-out-of-range',
    given: 'Ines',
    family: 'Moreau',
    gender: 'female',
    birthDate: bornYearsAgo(36),
    race: 'white',
    labs: { daysAgo: 30, total: mgdl(334), hdl: mgdl(58) },
    bp: { daysAgo: 30, systolic: 118, diastolic: 76 },
    smoking: { daysAgo: 30, code: '266919005', display: 'Never smoked tobacco' },
    conditions: [{ concept: CONDITIONS.familialHypercholesterolemia, onset: '2015-10-01' }],
    medications: [{ med: 'atorvastatin', status: 'active', daysAgo: 300 }],
  },
  {
    // Lipids in mmol/L (5.6 → 217 mg/dL, 1.4 → 54 mg/dL); diabetes coded in ICD-10 only; race Asian (White equations).
    id: 'p-risk-mmol',
    tag: 'risk-mmol',
    given: 'Hiroko',
    family: 'Sato',
    gender: 'female',
    birthDate: bornYearsAgo(66),
    race: 'asian',
    labs: { daysAgo: 45, total: mmol(5.6), hdl: mmol(1.4) },
    bp: { daysAgo: 45, systolic: 134, diastolic: 82 },
    smoking: { daysAgo: 45, code: '266919005', display: 'Never smoked tobacco' },
    conditions: [{ concept: CONDITIONS.diabetesIcdOnly, onset: '2020-11-20' }],
    medications: [
      { med: 'hydrochlorothiazide', status: 'active', daysAgo: 700 },
      { med: 'metformin', status: 'active', daysAgo: 1000 },
    ],
  },
];

/** Lipid reference ranges in the unit recorded (mmol/L ones are the mg/dL ranges of codes.ts, converted). */
const LIPID_RANGES = {
  total: { 'mg/dL': [100, 200], 'mmol/L': [2.6, 5.2] },
  hdl: { 'mg/dL': [40, 90], 'mmol/L': [1.0, 2.3] },
} as const;

function interpretation(value: number, [low, high]: readonly [number, number]): InterpretationCode {
  return value < low ? 'L' : value > high ? 'H' : 'N';
}

const quantity = (value: number, unit: string) => ({ value, unit, system: UCUM, code: unit });

function raceExtension(race: keyof typeof RACES): Extension {
  const { code, display } = RACES[race];
  return { url: US_CORE_RACE, extension: [{ url: 'ombCategory', valueCoding: { system: OMB, code, display } }, { url: 'text', valueString: display }] };
}

function build(def: RiskPatientDef, index: number): { resources: Resource[]; summary: PatientSummary } {
  const subject = { reference: `Patient/${def.id}` };
  const practitioner = PRACTITIONERS[index % PRACTITIONERS.length];
  const mrn = `E${String(200_001 + index * 17).padStart(7, '0')}`;
  const patient: Patient = {
    resourceType: 'Patient',
    id: def.id,
    active: true,
    ...(def.race ? { extension: [raceExtension(def.race)] } : {}),
    identifier: [{ use: 'usual', type: { coding: [{ system: IDENTIFIER_TYPE, code: 'MR', display: 'Medical record number' }], text: 'MRN' }, system: MRN_SYSTEM, value: mrn }],
    name: [{ use: 'official', family: def.family, given: [def.given] }],
    gender: def.gender,
    birthDate: def.birthDate,
    generalPractitioner: [{ reference: `Practitioner/${practitioner.id}` }],
  };

  // One office visit per distinct day of readings, oldest first.
  const days = [...new Set([def.labs?.daysAgo, def.bp?.daysAgo, def.smoking?.daysAgo].filter((d): d is number => d !== undefined))].sort((a, b) => b - a);
  const encounters = new Map<number, Encounter>();
  days.forEach((daysAgo, i) => {
    const start = REFERENCE_DATE - daysAgo * DAY_MS + 9 * 3_600_000;
    encounters.set(daysAgo, {
      resourceType: 'Encounter',
      id: `${def.id}-enc-${String(i + 1).padStart(3, '0')}`,
      status: 'finished',
      class: ENCOUNTER_CLASSES.AMB,
      type: [ENCOUNTER_TYPES.AMB],
      subject: { ...subject, display: `${def.given} ${def.family}` },
      participant: [{ individual: { reference: `Practitioner/${practitioner.id}`, display: practitioner.name?.[0]?.text } }],
      period: { start: isoDateTime(start), end: isoDateTime(start + 30 * 60_000) },
      location: [{ location: { reference: `Location/${LOCATIONS[0].id}`, display: LOCATIONS[0].name } }],
    });
  });
  const observation = (daysAgo: number, suffix: string, minutes: number, rest: Omit<Observation, 'resourceType' | 'status' | 'subject' | 'code'> & Pick<Observation, 'code'>): Observation => {
    const encounter = encounters.get(daysAgo)!;
    return {
      resourceType: 'Observation',
      id: `${encounter.id}-${suffix}`,
      status: 'final',
      subject,
      encounter: { reference: `Encounter/${encounter.id}` },
      effectiveDateTime: isoDateTime(Date.parse(encounter.period!.start!) + minutes * 60_000),
      ...rest,
    };
  };

  const observations: Observation[] = [];
  if (def.labs) {
    for (const which of ['total', 'hdl'] as const) {
      const lipid = def.labs[which];
      if (!lipid) continue;
      const range = LIPID_RANGES[which][lipid.unit];
      const lab = LABS.find((l) => l.key === (which === 'total' ? 'chol' : 'hdl'))!;
      observations.push(
        observation(def.labs.daysAgo, which === 'total' ? 'chol' : 'hdl', 45, {
          category: category('laboratory'),
          code: lab.code,
          valueQuantity: quantity(lipid.value, lipid.unit),
          interpretation: interpretationConcept(interpretation(lipid.value, range)),
          referenceRange: [{ low: quantity(range[0], lipid.unit), high: quantity(range[1], lipid.unit), text: `${range[0]}-${range[1]} ${lipid.unit}` }],
        }),
      );
    }
  }
  if (def.bp) {
    const { daysAgo, systolic, diastolic, standAlone } = def.bp;
    if (standAlone) {
      observations.push(
        observation(daysAgo, 'sys', 10, { category: category('vital-signs'), code: VITALS.systolic, valueQuantity: quantity(systolic, 'mm[Hg]') }),
        observation(daysAgo, 'dia', 10, { category: category('vital-signs'), code: VITALS.diastolic, valueQuantity: quantity(diastolic, 'mm[Hg]') }),
      );
    } else {
      observations.push(
        observation(daysAgo, 'bp', 10, {
          category: category('vital-signs'),
          code: VITALS.bp,
          component: [
            { code: VITALS.systolic, valueQuantity: quantity(systolic, 'mm[Hg]') },
            { code: VITALS.diastolic, valueQuantity: quantity(diastolic, 'mm[Hg]') },
          ],
        }),
      );
    }
  }
  if (def.smoking) {
    const { daysAgo, code, display } = def.smoking;
    observations.push(
      observation(daysAgo, 'smoking', 5, {
        category: category('social-history'),
        code: SMOKING_STATUS,
        valueCodeableConcept: { coding: [{ system: SNOMED, code, display }], text: display },
      }),
    );
  }

  const conditions: Condition[] = (def.conditions ?? []).map((c, i) => ({
    resourceType: 'Condition',
    id: `${def.id}-cond-${i + 1}`,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: c.clinical ?? 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: 'problem-list-item', display: 'Problem List Item' }] }],
    code: c.concept,
    subject,
    onsetDateTime: c.onset,
    recordedDate: c.onset,
  }));
  const medications: MedicationRequest[] = (def.medications ?? []).map((m, i) => {
    const { code, display } = MEDICATIONS[m.med];
    return {
      resourceType: 'MedicationRequest',
      id: `${def.id}-med-${i + 1}`,
      status: m.status,
      intent: 'order',
      medicationCodeableConcept: { coding: [{ system: RXNORM, code, display }], text: display },
      subject,
      authoredOn: isoDate(REFERENCE_DATE - m.daysAgo * DAY_MS),
      requester: { reference: `Practitioner/${practitioner.id}` },
      dosageInstruction: [{ text: 'One tablet by mouth once a day' }],
    };
  });

  const visits = [...encounters.values()];
  return {
    resources: [patient, ...visits, ...observations, ...conditions, ...medications],
    summary: {
      id: def.id,
      name: `${def.given} ${def.family}`,
      mrn,
      birthDate: def.birthDate,
      gender: def.gender,
      deceased: false,
      tags: [def.tag],
      ...(visits.length ? { latestEncounterId: visits.at(-1)!.id } : {}),
    },
  };
}

/** The risk patients' resources and their summaries for the EHR simulator. */
export function riskPatients(): { resources: Resource[]; patients: PatientSummary[] } {
  const built = RISK_PATIENTS.map(build);
  return { resources: built.flatMap((b) => b.resources), patients: built.map((b) => b.summary) };
}
