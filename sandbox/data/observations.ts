import type { CodeableConcept, Observation, Quantity } from '@medplum/fhirtypes';
import {
  category,
  interpret,
  interpretationConcept,
  LABS,
  SMOKING_STATUS,
  UCUM,
  UNITS,
  VITALS,
  type Category,
  type LabDef,
  type LabKey,
  type UnitDef,
} from './codes';
import type { Visit } from './encounters';
import type { PatientSpec } from './patients';
import { DATA_START, DAY_MS, gauss, isoDateTime, round, type Rng } from './prng';

const MINUTE_MS = 60_000;
const MARKUP_NOTE = '<b>Recheck</b> <img src=x onerror=alert(1)> <script>alert("note")</script> & follow up';
/** The first patient's current admission is a deteriorating one: a NEWS2 red score (respiratory rate 26) with a note. */
const DETERIORATING = 'p-001';
const DETERIORATING_RR = 26;
const DETERIORATING_NOTE = 'Recounted after 15 minutes: still 26/min. Escalated to the medical registrar.';
const FEVER_NOTE = 'Febrile: paracetamol 1 g given, recheck in 1 hour.';
const CRITICAL_LAB_NOTE = 'Critical result telephoned to the duty doctor.';
const FEVER_C = 38.05;

const quantity = (value: number, unit: UnitDef, decimals: number): Quantity => ({
  value: round(value, decimals),
  unit: unit.unit,
  system: UCUM,
  code: unit.code,
});

/** Builds the observations of one patient visit by visit; lab levels random-walk between visits. */
export function observationFactory(spec: PatientSpec, rng: Rng): (visit: Visit) => Observation[] {
  const b = spec.baseline;
  const labLevel = { ...b.lab };
  const mixed = spec.tags.includes('mixed-units');

  return (visit) => {
    const years = (visit.start - DATA_START) / (365.25 * DAY_MS);
    const acute = visit.cls !== 'AMB';
    const base = (suffix: string, cat: Category, code: CodeableConcept, offsetMin: number): Observation => ({
      resourceType: 'Observation',
      id: `${visit.id}-${suffix}`,
      status: 'final',
      category: category(cat),
      code,
      subject: { reference: `Patient/${spec.id}` },
      encounter: { reference: `Encounter/${visit.id}` },
      effectiveDateTime: isoDateTime(visit.start + offsetMin * MINUTE_MS),
    });
    const vital = (suffix: string, code: CodeableConcept, q: Quantity, note?: string): Observation => ({
      ...base(suffix, 'vital-signs', code, 10),
      valueQuantity: q,
      ...(note ? { note: [{ text: note }] } : {}),
    });
    // Notes and the deteriorating admission use no random draws: every other value stays as it was.
    const deteriorating = spec.id === DETERIORATING && visit.end === undefined;
    const respRate = (drawn: number) => (deteriorating ? DETERIORATING_RR : drawn);

    const weightKg = b.weight + b.weightDrift * years + 0.8 * Math.sin(2 * Math.PI * years) + gauss(rng) * 0.4;
    const height = b.height + gauss(rng) * 0.3;
    const shared = gauss(rng);
    const systolic = b.systolic + 1.2 * years + shared * 5 + gauss(rng) * 3 + (acute ? 12 : 0);
    const diastolic = Math.min(systolic - 25, b.diastolic + 0.5 * years + shared * 3 + gauss(rng) * 2 + (acute ? 6 : 0));
    const fever = acute && rng() < 0.4 ? 1.3 + rng() : 0;
    const tempC = b.temperature + gauss(rng) * 0.15 + fever;

    const bp: Observation = {
      ...base('bp', 'vital-signs', VITALS.bp, 10),
      component: [
        { code: VITALS.systolic, valueQuantity: quantity(systolic, UNITS.mmHg, 0) },
        { code: VITALS.diastolic, valueQuantity: quantity(diastolic, UNITS.mmHg, 0) },
      ],
      ...(spec.tags.includes('markup') ? { note: [{ text: MARKUP_NOTE }] } : {}),
    };
    const useLb = mixed && visit.index % 2 === 1;
    const useF = mixed && visit.index % 3 === 0;
    const result: Observation[] = [
      bp,
      vital('hr', VITALS.heartRate, quantity(b.heartRate + gauss(rng) * 4 + (acute ? 14 : 0) + fever * 8, UNITS.perMin, 0)),
      vital('rr', VITALS.respRate, quantity(respRate(b.respRate + gauss(rng) * 1.2 + (acute ? 3 : 0)), UNITS.perMin, 0), deteriorating ? DETERIORATING_NOTE : undefined),
      vital('temp', VITALS.temperature, useF ? quantity(tempC * 1.8 + 32, UNITS.degF, 1) : quantity(tempC, UNITS.cel, 1), tempC >= FEVER_C ? FEVER_NOTE : undefined),
      vital('spo2', VITALS.spo2, quantity(Math.min(100, b.spo2 + gauss(rng) * 0.8 - (acute ? 2 : 0)), UNITS.percent, 0)),
      vital('weight', VITALS.weight, useLb ? quantity(weightKg * 2.20462, UNITS.lb, 1) : quantity(weightKg, UNITS.kg, 1)),
      vital('height', VITALS.height, quantity(height, UNITS.cm, 1)),
      vital('bmi', VITALS.bmi, quantity(weightKg / (height / 100) ** 2, UNITS.bmi, 1)),
    ];

    if (visit.smoking) {
      result.push({ ...base('smoking', 'social-history', SMOKING_STATUS, 5), valueCodeableConcept: { coding: [b.smoking], text: b.smoking.display } });
    }
    if (visit.labs) {
      for (const lab of LABS) {
        labLevel[lab.key] += (b.lab[lab.key] - labLevel[lab.key]) * 0.2 + gauss(rng) * lab.sd * 0.2;
        const value = labValue(lab, labLevel[lab.key] + gauss(rng) * lab.sd * 0.3, spec, visit, rng);
        const interpretation = interpret(round(value, lab.decimals), lab);
        result.push({
          ...base(lab.key, 'laboratory', lab.code, 45),
          valueQuantity: quantity(value, lab.unit, lab.decimals),
          interpretation: interpretationConcept(interpretation),
          ...(interpretation === 'HH' || interpretation === 'LL' ? { note: [{ text: CRITICAL_LAB_NOTE }] } : {}),
          referenceRange: [
            {
              low: quantity(lab.low, lab.unit, lab.decimals),
              high: quantity(lab.high, lab.unit, lab.decimals),
              text: `${lab.low}-${lab.high} ${lab.unit.unit}`,
            },
          ],
        });
      }
    }
    return result;
  };
}

/** Mostly the drifting level; now and then a critical value so LL/HH appear in the data. */
function labValue(lab: LabDef, level: number, spec: PatientSpec, visit: Visit, rng: Rng): number {
  const criticalSpikes: Partial<Record<LabKey, number>> = { potassium: 6.7, glucose: 36, hemoglobin: 6.4 };
  const spike = criticalSpikes[lab.key];
  const forced = spec.plan === 'large' && visit.index % 150 === 30 * (Object.keys(criticalSpikes).indexOf(lab.key) + 1);
  if (spike !== undefined && (forced || rng() < 0.01)) return spike + gauss(rng) * 0.1 * lab.sd;
  return Math.max(lab.low / 4, level);
}
