import { validateResource } from '@medplum/core';
import type { Condition, Encounter, MedicationRequest, Observation, Patient, Quantity, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDefinitions } from '../fhir/definitions';
import { LABS, OBS_CATEGORY, UCUM } from './codes';
import { generateDataset, MRN_SYSTEM, REFERENCE_DATE, type Dataset } from './index';

const VITAL_UNITS: Record<string, string[]> = {
  '8480-6': ['mm[Hg]'],
  '8462-4': ['mm[Hg]'],
  '8867-4': ['/min'],
  '9279-1': ['/min'],
  '8310-5': ['Cel', '[degF]'],
  '59408-5': ['%'],
  '29463-7': ['kg', '[lb_av]'],
  '8302-2': ['cm'],
  '39156-5': ['kg/m2'],
};

let data: Dataset;
let observations: Observation[];
let encounters: Encounter[];
const ofPatient = <T extends Observation | Encounter>(list: T[], id: string) => list.filter((r) => r.subject?.reference === `Patient/${id}`);
const code = (o: Observation) => o.code.coding?.[0]?.code;
const patient = (id: string) => data.resources.find((r): r is Patient => r.resourceType === 'Patient' && r.id === id);

beforeAll(() => {
  data = generateDataset();
  observations = data.resources.filter((r): r is Observation => r.resourceType === 'Observation');
  encounters = data.resources.filter((r): r is Encounter => r.resourceType === 'Encounter');
});

describe('generateDataset', () => {
  it('is deterministic, fast and silent', () => {
    const log = vi.spyOn(console, 'log');
    const write = vi.spyOn(process.stdout, 'write');
    const start = performance.now();
    const again = generateDataset();
    const ms = performance.now() - start;
    expect(ms).toBeLessThan(2000);
    expect(log).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
    vi.restoreAllMocks();
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateDataset(42))).not.toBe(JSON.stringify(data));
  });

  it('has unique, valid ids and every resource is valid FHIR R4', () => {
    loadDefinitions();
    const keys = data.resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of data.resources) expect(r.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    for (const r of data.resources) expect(validateResource(r)).toEqual([]);
    expect(() => validateResource({ resourceType: 'Observation', status: 'bogus' } as unknown as Resource)).toThrow();
  });

  it('has at least 20 patients with unique MRNs matching their summaries', () => {
    expect(data.patients.length).toBeGreaterThanOrEqual(20);
    const mrns = new Set<string>();
    for (const summary of data.patients) {
      const p = patient(summary.id);
      const mrn = p?.identifier?.find((i) => i.system === MRN_SYSTEM);
      expect(mrn?.type?.coding?.[0]?.code).toBe('MR');
      expect(mrn?.value).toBe(summary.mrn);
      expect(p?.birthDate).toBe(summary.birthDate);
      expect(p?.gender).toBe(summary.gender);
      expect(p?.name?.[0]?.family).toBeTruthy();
      mrns.add(summary.mrn);
    }
    expect(mrns.size).toBe(data.patients.length);
    expect(data.practitioners.length).toBeGreaterThanOrEqual(3);
    expect(data.resources.some((r) => r.resourceType === 'Location')).toBe(true);
  });

  it('has the tagged edge-case patients', () => {
    const tagged = (tag: string) => data.patients.find((p) => p.tags.includes(tag));
    const empty = tagged('empty')!;
    expect(ofPatient(encounters, empty.id)).toHaveLength(0);
    expect(ofPatient(observations, empty.id)).toHaveLength(0);
    expect(empty.latestEncounterId).toBeUndefined();

    const deceased = tagged('deceased')!;
    expect(deceased.deceased).toBe(true);
    const deceasedAt = patient(deceased.id)?.deceasedDateTime as string;
    expect(deceasedAt).toBeTruthy();
    for (const e of ofPatient(encounters, deceased.id)) expect(e.period!.start! <= deceasedAt).toBe(true);

    const markup = tagged('markup')!;
    const name = patient(markup.id)!.name![0];
    expect(name.given?.join(' ')).toContain('<img src=x onerror=alert(1)>');
    expect(name.family).toContain('<script>');
    expect(name.text).toContain('<script>');
    expect(markup.name).toContain('<img src=x onerror=alert(1)>');
    expect(ofPatient(observations, markup.id).some((o) => o.note?.[0]?.text?.includes('<script>'))).toBe(true);

    const units = (id: string, loinc: string) => new Set(ofPatient(observations, id).filter((o) => code(o) === loinc).map((o) => o.valueQuantity?.code));
    const mixed = tagged('mixed-units')!;
    expect(units(mixed.id, '29463-7')).toEqual(new Set(['kg', '[lb_av]']));
    expect(units(mixed.id, '8310-5')).toEqual(new Set(['Cel', '[degF]']));

    const large = tagged('large')!;
    expect(large.id).toBe('p-large');
    expect(ofPatient(observations, 'p-large').length).toBeGreaterThanOrEqual(5000);
  });

  it('has encounters of the three classes with type, period, participant and location', () => {
    expect(new Set(encounters.map((e) => e.class.code))).toEqual(new Set(['AMB', 'EMER', 'IMP']));
    for (const e of encounters) {
      expect(e.class.system).toBe('http://terminology.hl7.org/CodeSystem/v3-ActCode');
      expect(e.type?.[0]?.text).toBeTruthy();
      expect(e.participant?.[0]?.individual?.reference).toMatch(/^Practitioner\//);
      expect(e.location?.[0]?.location.reference).toMatch(/^Location\//);
      expect(Date.parse(e.period!.start!)).toBeLessThan(e.id?.startsWith('p-risk') ? Date.now() : REFERENCE_DATE); // risk patients are dated from today
      if (e.status === 'finished') expect(e.period!.end! > e.period!.start!).toBe(true);
      else expect(e.status).toBe('in-progress');
    }
    for (const summary of data.patients.filter((p) => p.latestEncounterId)) {
      const own = ofPatient(encounters, summary.id);
      expect(own.at(-1)?.id).toBe(summary.latestEncounterId);
      expect(own.slice(0, -1).every((e) => e.status === 'finished')).toBe(true);
    }
    expect(encounters.some((e) => e.status === 'in-progress')).toBe(true);
  });

  it('has well-formed observations linked to an encounter of the same patient', () => {
    const encounterById = new Map(encounters.map((e) => [e.id, e]));
    const quantityOk = (q: Quantity | undefined) => typeof q?.value === 'number' && Number.isFinite(q.value) && q.system === UCUM && !!q.code;
    for (const o of observations) {
      expect(o.status).toBe('final');
      const enc = encounterById.get(o.encounter?.reference?.replace('Encounter/', '') ?? '');
      expect(enc?.subject?.reference).toBe(o.subject?.reference);
      expect(o.effectiveDateTime! >= enc!.period!.start!).toBe(true);
      const category = o.category?.[0]?.coding?.[0];
      expect(category?.system).toBe(OBS_CATEGORY);
      const c = code(o)!;
      if (c === '85354-9') {
        const parts = Object.fromEntries(o.component!.map((p) => [p.code.coding![0].code, p.valueQuantity]));
        expect(quantityOk(parts['8480-6']) && quantityOk(parts['8462-4'])).toBe(true);
        expect(parts['8480-6']!.code).toBe('mm[Hg]');
        expect(parts['8480-6']!.value!).toBeGreaterThan(parts['8462-4']!.value!);
      } else if (c === '72166-2') {
        expect(category?.code).toBe('social-history');
        expect(o.valueCodeableConcept?.coding?.[0]?.system).toBe('http://snomed.info/sct');
      } else if (VITAL_UNITS[c]) {
        expect(category?.code).toBe('vital-signs');
        expect(quantityOk(o.valueQuantity)).toBe(true);
        expect(VITAL_UNITS[c]).toContain(o.valueQuantity!.code);
      } else {
        const lab = LABS.find((l) => l.code.coding![0].code === c);
        expect(lab, c).toBeDefined();
        expect(category?.code).toBe('laboratory');
        expect(quantityOk(o.valueQuantity)).toBe(true);
        const { low, high } = o.referenceRange![0];
        const value = o.valueQuantity!.value!;
        const interpretation = o.interpretation![0].coding![0];
        expect(interpretation.system).toBe('http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation');
        const expected = value < low!.value! ? ['L', 'LL'] : value > high!.value! ? ['H', 'HH'] : ['N'];
        expect(expected, `${o.id} ${value}`).toContain(interpretation.code);
      }
    }
    const interpretations = new Set(observations.map((o) => o.interpretation?.[0]?.coding?.[0]?.code).filter(Boolean));
    expect(interpretations).toEqual(new Set(['N', 'H', 'L', 'HH', 'LL']));
  });

  it('has trends, not white noise: weight changes little between consecutive visits', () => {
    const weights = ofPatient(observations, 'p-001')
      .filter((o) => code(o) === '29463-7')
      .map((o) => o.valueQuantity!.value!);
    expect(weights.length).toBeGreaterThan(5);
    const steps = weights.slice(1).map((w, i) => Math.abs(w - weights[i]));
    expect(Math.max(...steps)).toBeLessThan(5);
  });

  it('has the cardiovascular risk patients: complete, missing, stale, out of range and mmol/L inputs', () => {
    const byTag = (tag: string) => data.patients.find((p) => p.tags.includes(tag))!;
    const of = <T extends Resource>(type: T['resourceType'], id: string) =>
      data.resources.filter((r): r is T => r.resourceType === type && (r as { subject?: { reference?: string } }).subject?.reference === `Patient/${id}`);
    const codes = (id: string) => new Set(ofPatient(observations, id).map(code));
    const race = (id: string) => patient(id)?.extension?.find((e) => e.url.endsWith('us-core-race'))?.extension?.find((e) => e.url === 'ombCategory')?.valueCoding?.code;
    const newest = (id: string) => Math.max(...ofPatient(observations, id).map((o) => Date.parse(o.effectiveDateTime!)));
    const year = 365 * 86_400_000;

    const complete = byTag('risk-complete');
    expect(codes(complete.id)).toEqual(new Set(['2093-3', '2085-9', '85354-9', '72166-2']));
    expect(race(complete.id)).toBe('2054-5');
    expect(of<Condition>('Condition', byTag('risk-stale').id).map((c) => c.code?.coding?.[0]?.code)).toContain('44054006');
    expect(of<MedicationRequest>('MedicationRequest', complete.id).filter((m) => m.status === 'active').map((m) => m.medicationCodeableConcept?.text)).toContain('amlodipine 5 MG Oral Tablet');
    expect(REFERENCE_DATE - newest(complete.id)).toBeLessThan(90 * 86_400_000);

    const missing = byTag('risk-missing');
    expect(codes(missing.id)).toEqual(new Set(['2093-3']));
    expect(race(missing.id)).toBeUndefined();
    expect(of('Condition', missing.id)).toHaveLength(0);
    expect(of('MedicationRequest', missing.id)).toHaveLength(0);

    const stale = byTag('risk-stale');
    expect(codes(stale.id)).toEqual(new Set(['2093-3', '2085-9', '8480-6', '8462-4', '72166-2']));
    expect(REFERENCE_DATE - newest(stale.id)).toBeGreaterThan(2 * year);

    const range = byTag('risk-out-of-range');
    expect(ofPatient(observations, range.id).find((o) => code(o) === '2093-3')?.valueQuantity?.value).toBeGreaterThan(320);

    const mmol = byTag('risk-mmol');
    const lipids = ofPatient(observations, mmol.id).filter((o) => ['2093-3', '2085-9'].includes(code(o)!));
    expect(lipids.map((o) => o.valueQuantity?.code)).toEqual(['mmol/L', 'mmol/L']);
    expect(of<Condition>('Condition', mmol.id)[0]?.code?.coding?.map((c) => c.system)).toEqual(['http://hl7.org/fhir/sid/icd-10-cm']);
  });
});
