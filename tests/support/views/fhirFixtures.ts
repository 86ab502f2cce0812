// Builders for FHIR test data (views tests). Small, explicit, R4-typed.
import type { Encounter, Observation, Patient } from 'fhir/r4';

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
export const MRN_SYSTEM = 'urn:oid:1.2.3.4.5';

export function patient(id: string, opts: { given?: string[]; family?: string; text?: string; birthDate?: string; gender?: Patient['gender']; mrn?: string; deceased?: string } = {}): Patient {
  return {
    resourceType: 'Patient',
    id,
    name: [{ use: 'official', given: opts.given ?? ['Ada'], family: opts.family ?? 'Lovelace', ...(opts.text ? { text: opts.text } : {}) }],
    gender: opts.gender ?? 'female',
    birthDate: opts.birthDate ?? '1980-12-10',
    identifier: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: MRN_SYSTEM, value: opts.mrn ?? `MRN-${id}` }],
    ...(opts.deceased ? { deceasedDateTime: opts.deceased } : {}),
  };
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

interface ObsOpts {
  id?: string;
  patient: string;
  date: string;
  encounter?: string;
  status?: Observation['status'];
}

const base = (category: string, code: string, display: string, o: ObsOpts): Observation => ({
  resourceType: 'Observation',
  id: o.id ?? nextId('obs'),
  status: o.status ?? 'final',
  category: [{ coding: [{ system: CATEGORY, code: category }] }],
  code: { coding: [{ system: LOINC, code, display }], text: display },
  subject: { reference: `Patient/${o.patient}` },
  ...(o.encounter ? { encounter: { reference: `Encounter/${o.encounter}` } } : {}),
  effectiveDateTime: o.date,
});

export const qty = (value: number, unit: string, code = unit) => ({ value, unit, system: UCUM, code });

export function vital(code: string, display: string, value: number, unit: string, o: ObsOpts): Observation {
  return { ...base('vital-signs', code, display, o), valueQuantity: qty(value, unit) };
}

export function bpPanel(systolic: number, diastolic: number, o: ObsOpts): Observation {
  return {
    ...base('vital-signs', '85354-9', 'Blood pressure panel', o),
    component: [
      { code: { coding: [{ system: LOINC, code: '8480-6' }] }, valueQuantity: qty(systolic, 'mm[Hg]') },
      { code: { coding: [{ system: LOINC, code: '8462-4' }] }, valueQuantity: qty(diastolic, 'mm[Hg]') },
    ],
  };
}

export function lab(code: string, display: string, value: number, unit: string, o: ObsOpts & { low?: number; high?: number; interpretation?: string }): Observation {
  return {
    ...base('laboratory', code, display, o),
    valueQuantity: qty(value, unit),
    ...(o.interpretation ? { interpretation: [{ coding: [{ system: INTERPRETATION, code: o.interpretation }] }] } : {}),
    ...(o.low !== undefined || o.high !== undefined
      ? { referenceRange: [{ ...(o.low !== undefined ? { low: qty(o.low, unit) } : {}), ...(o.high !== undefined ? { high: qty(o.high, unit) } : {}) }] }
      : {}),
  };
}

export function encounter(id: string, patientId: string, start: string, opts: { cls?: string; type?: string; status?: Encounter['status']; location?: string; practitioner?: string } = {}): Encounter {
  return {
    resourceType: 'Encounter',
    id,
    status: opts.status ?? 'finished',
    class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: opts.cls ?? 'AMB' },
    type: [{ text: opts.type ?? 'Office visit' }],
    subject: { reference: `Patient/${patientId}` },
    period: { start },
    ...(opts.location ? { location: [{ location: { display: opts.location } }] } : {}),
    ...(opts.practitioner ? { participant: [{ individual: { display: opts.practitioner } }] } : {}),
  };
}

/** An ISO date-time `days` before now. */
export const daysAgo = (days: number, hour = 9) => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  d.setHours(hour, 0, 0, 0);
  return d.toISOString();
};
