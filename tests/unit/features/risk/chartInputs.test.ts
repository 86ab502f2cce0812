import type { Condition, MedicationRequest, Observation, Patient } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import {
  ageFrom,
  bpTreatmentFrom,
  cholesterolFrom,
  cholesterolMgDl,
  diabetesFrom,
  raceFrom,
  sexFrom,
  smokingFrom,
  systolicFrom,
} from '../../../../src/features/risk/chartInputs';
import { HDL_CODES, TOTAL_CHOLESTEROL_CODES } from '../../../../src/features/risk/valueSets';
import { bpPanel, lab, patient, vital } from '../../../support/views/fhirFixtures';

const NOW = new Date('2026-11-15T12:00:00Z');
const P = 'p1';

const smoking = (code: string | undefined, date: string, text?: string): Observation => ({
  resourceType: 'Observation',
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }] },
  subject: { reference: `Patient/${P}` },
  effectiveDateTime: date,
  valueCodeableConcept: { coding: code ? [{ system: 'http://snomed.info/sct', code, display: text }] : [], text },
});

const race = (...codes: string[]): Patient['extension'] => [
  {
    url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
    extension: [...codes.map((code) => ({ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code } })), { url: 'text', valueString: 'as told' }],
  },
];

describe('patient inputs', () => {
  it('age in whole years from birthDate, with the birth date as its date', () => {
    const age = ageFrom(patient(P, { birthDate: '1968-11-16' }), NOW);
    expect(age.found).toMatchObject({ value: 57, display: '57 years', when: 'Born 16 Nov 1968', stale: false });
    expect(ageFrom({ resourceType: 'Patient' }, NOW)).toMatchObject({ reason: 'No birth date on record.' });
  });

  it('sex only from male/female; other values are a question', () => {
    expect(sexFrom(patient(P, { gender: 'male' })).found?.value).toBe('male');
    expect(sexFrom(patient(P, { gender: 'other' }))).toMatchObject({ reason: expect.stringMatching(/"other".*sex-specific/) });
    expect(sexFrom({ resourceType: 'Patient' }).found).toBeUndefined();
  });

  it('race from the US Core race extension: Black or African American uses the African-American equations', () => {
    expect(raceFrom({ ...patient(P), extension: race('2054-5') }).found).toMatchObject({ value: 'african-american', display: 'Black or African American' });
    const mixed = raceFrom({ ...patient(P), extension: race('2106-3', '2054-5') });
    expect(mixed.found?.value).toBe('african-american');
    expect(mixed.notes[0]).toMatch(/White, Black or African American/);
    expect(raceFrom({ ...patient(P), extension: race('2028-9') }).found).toMatchObject({ value: 'white-or-other', display: 'White or other (Asian)' });
  });

  it('no race, or an unknown one, is a question', () => {
    expect(raceFrom(patient(P))).toMatchObject({ reason: expect.stringMatching(/No race on record/) });
    expect(raceFrom({ ...patient(P), extension: race('UNK') })).toMatchObject({ reason: expect.stringMatching(/does not say which equation/) });
  });
});

describe('cholesterol', () => {
  it('converts mmol/L and g/L to whole mg/dL and keeps what was recorded', () => {
    expect(cholesterolMgDl({ value: 5.5, unit: 'mmol/L', code: 'mmol/L', system: 'http://unitsofmeasure.org' })).toEqual({ value: 213, display: '213 mg/dL', recorded: '5.5 mmol/L' });
    expect(cholesterolMgDl({ value: 1.3, unit: 'mmol/l' })).toMatchObject({ value: 50 });
    expect(cholesterolMgDl({ value: 2.1, unit: 'g/L' })).toMatchObject({ value: 210 });
    expect(cholesterolMgDl({ value: 213, unit: 'mg/dL' })).toEqual({ value: 213, display: '213 mg/dL' });
    expect(cholesterolMgDl({ value: 213, unit: 'furlongs' })).toEqual({ problem: expect.stringMatching(/"furlongs"/) });
    expect(cholesterolMgDl({ value: 20, comparator: '<', unit: 'mg/dL' })).toEqual({ problem: expect.stringMatching(/not exact/) });
    expect(cholesterolMgDl(undefined)).toEqual({ problem: 'it has no numeric value' });
  });

  it('takes the newest result of its own codes, marks it stale after 12 months, names a newer unusable one', () => {
    const observations = [
      lab('2093-3', 'Cholesterol', 250, 'mg/dL', { patient: P, date: '2024-01-10' }),
      lab('2093-3', 'Cholesterol', 5.2, 'mmol/L', { patient: P, date: '2025-06-02' }),
      lab('2093-3', 'Cholesterol', 7, 'furlongs', { patient: P, date: '2025-09-01' }),
      lab('2085-9', 'HDL', 40, 'mg/dL', { patient: P, date: '2026-10-01' }),
    ];
    const total = cholesterolFrom(observations, TOTAL_CHOLESTEROL_CODES, NOW, 'total cholesterol');
    expect(total.found).toMatchObject({ value: 201, recorded: '5.2 mmol/L', when: '2 Jun 2025', source: 'Lab result (LOINC 2093-3)', stale: true });
    expect(total.notes).toEqual([expect.stringMatching(/^A result of 1 Sept? 2025 could not be used: the unit "furlongs"/)]);
    const hdl = cholesterolFrom(observations, HDL_CODES, NOW, 'HDL cholesterol');
    expect(hdl.found).toMatchObject({ value: 40, stale: false });
  });

  it('never uses an entered-in-error result and says when there is none', () => {
    const wrong = lab('2085-9', 'HDL', 40, 'mg/dL', { patient: P, date: '2026-10-01', status: 'entered-in-error' });
    expect(cholesterolFrom([wrong], HDL_CODES, NOW, 'HDL cholesterol')).toMatchObject({ reason: 'No usable HDL cholesterol result.' });
    expect(cholesterolFrom([], HDL_CODES, NOW, 'HDL cholesterol')).toMatchObject({ reason: 'No HDL cholesterol result on record.' });
  });
});

describe('systolic blood pressure', () => {
  it('from a panel or a stand-alone 8480-6, whichever is newer', () => {
    const panelNewer = [vital('8480-6', 'Systolic', 150, 'mm[Hg]', { patient: P, date: '2026-01-01' }), bpPanel(128, 80, { patient: P, date: '2026-10-01' })];
    expect(systolicFrom(panelNewer, NOW).found).toMatchObject({ value: 128, source: expect.stringMatching(/panel \(LOINC 85354-9\)/), stale: false });
    const standAloneNewer = [bpPanel(128, 80, { patient: P, date: '2024-10-01' }), vital('8480-6', 'Systolic', 150, 'mm[Hg]', { patient: P, date: '2025-01-01' })];
    expect(systolicFrom(standAloneNewer, NOW).found).toMatchObject({ value: 150, source: expect.stringMatching(/8480-6/), stale: true, when: '1 Jan 2025' });
    expect(systolicFrom([], NOW)).toMatchObject({ reason: 'No systolic blood pressure on record.' });
  });
});

describe('smoking status', () => {
  it('reads the SNOMED answers: current, former and never', () => {
    expect(smokingFrom([smoking('449868002', '2026-09-01', 'Smokes tobacco daily')], NOW).found).toMatchObject({ value: true, display: 'Current smoker' });
    expect(smokingFrom([smoking('428041000124106', '2026-09-01')], NOW).found?.value).toBe(true);
    expect(smokingFrom([smoking('77176002', '2026-09-01')], NOW).found?.value).toBe(true);
    expect(smokingFrom([smoking('8517006', '2026-09-01')], NOW).found).toMatchObject({ value: false, display: expect.stringMatching(/^Former smoker/) });
    expect(smokingFrom([smoking('266919005', '2026-09-01')], NOW).found).toMatchObject({ value: false, display: 'Never smoked' });
  });

  it('"unknown if ever smoked" and unrecognised answers are not used', () => {
    expect(smokingFrom([smoking('266927001', '2026-09-01', 'Unknown if ever smoked')], NOW)).toMatchObject({ reason: 'No usable smoking status.', notes: [expect.stringMatching(/Unknown if ever smoked/)] });
    expect(smokingFrom([smoking(undefined, '2026-09-01', 'Sometimes')], NOW).notes[0]).toMatch(/"Sometimes" is not a smoking status the app recognises/);
    expect(smokingFrom([], NOW)).toMatchObject({ reason: 'No smoking status on record.' });
  });
});

const condition = (code: string, system: string, opts: { clinical?: string; verification?: string; text?: string } = {}): Condition => ({
  resourceType: 'Condition',
  subject: { reference: `Patient/${P}` },
  code: { coding: [{ system, code }], text: opts.text ?? code },
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: opts.clinical ?? 'active' }] },
  ...(opts.verification ? { verificationStatus: { coding: [{ code: opts.verification }] } } : {}),
  onsetDateTime: '2019-04-02',
});
const SCT = 'http://snomed.info/sct';
const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

describe('diabetes from conditions', () => {
  it('an active diabetes condition, in SNOMED CT or ICD-10', () => {
    expect(diabetesFrom([condition('44054006', SCT, { text: 'Type 2 diabetes mellitus' })]).found).toMatchObject({ value: true, source: 'Condition: Type 2 diabetes mellitus', when: '2 Apr 2019' });
    expect(diabetesFrom([condition('E11.9', ICD10CM)]).found?.value).toBe(true);
    expect(diabetesFrom([condition('E119', 'http://hl7.org/fhir/sid/icd-10')]).found?.value).toBe(true);
  });

  it('no active diabetes among other conditions is "No"; resolved or refuted diabetes is not counted', () => {
    const result = diabetesFrom([condition('38341003', SCT, { text: 'Hypertension' }), condition('44054006', SCT, { clinical: 'resolved', text: 'Diabetes' })]);
    expect(result.found).toMatchObject({ value: false, source: 'No active diabetes among 2 conditions on record' });
    expect(result.notes).toEqual(['Diabetes is recorded as resolved and is not counted.']);
    expect(diabetesFrom([condition('44054006', SCT, { verification: 'refuted' }), condition('38341003', SCT)]).found?.value).toBe(false);
    // Gestational diabetes and prediabetes are not diabetes for the equations.
    expect(diabetesFrom([condition('O24.410', ICD10CM), condition('R73.03', ICD10CM)]).found?.value).toBe(false);
  });

  it('no conditions at all is a question, not "No"', () => {
    expect(diabetesFrom([])).toMatchObject({ reason: expect.stringMatching(/No conditions on record/) });
  });
});

const medication = (text: string, status: MedicationRequest['status'] = 'active', intent: MedicationRequest['intent'] = 'order'): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  status,
  intent,
  subject: { reference: `Patient/${P}` },
  medicationCodeableConcept: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '1', display: text }], text },
  authoredOn: '2026-03-04',
});

describe('blood-pressure treatment from medication requests', () => {
  it('an active request for a blood-pressure drug, named as the source', () => {
    const result = bpTreatmentFrom([medication('atorvastatin 20 MG Oral Tablet'), medication('amlodipine 5 MG Oral Tablet')]);
    expect(result.found).toMatchObject({ value: true, source: 'Medication request (active): amlodipine 5 MG Oral Tablet', when: '4 Mar 2026' });
  });

  it('stopped or proposed ones do not count; other active medications are "No"', () => {
    const result = bpTreatmentFrom([medication('lisinopril 10 MG Oral Tablet', 'stopped'), medication('losartan 50 MG', 'active', 'proposal'), medication('metformin 500 MG')]);
    expect(result.found).toMatchObject({ value: false, source: 'No blood-pressure medication among 1 active medication request (3 on record)' });
  });

  it('no medication requests at all is a question', () => {
    expect(bpTreatmentFrom([])).toMatchObject({ reason: expect.stringMatching(/No medication requests on record/) });
  });
});
