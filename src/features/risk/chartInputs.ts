// Pure: the chart's resources → the risk inputs, each with value, unit, date and source, or the reason it is
// missing. Nothing is ever defaulted: a value the chart does not give is missing, and the clinician answers.
import type { Coding, Condition, MedicationRequest, Observation, Patient, Quantity } from 'fhir/r4';
import { codesOf, conceptText } from '../../fhir/mappers/codeableConcept';
import { ageInYears, formatFhirDate } from '../../fhir/mappers/dates';
import { observationDate } from '../../fhir/mappers/observation';
import { extractVitalSeries, LOINC_BP_PANEL } from '../../fhir/mappers/vitals';
import { CHOLESTEROL_MG_DL_PER_MMOL_L, STALE_AFTER_MONTHS } from './config';
import type { ChartValue, InputKey, InputValues } from './inputs';
import {
  antihypertensiveIn,
  DIABETES_ICD10,
  DIABETES_SNOMED,
  ICD10_SYSTEMS,
  OMB_BLACK,
  OMB_CATEGORIES,
  SMOKING_ANSWERS,
  SMOKING_STATUS_CODE,
  SMOKING_UNKNOWN,
  SNOMED,
  US_CORE_RACE,
  type SmokingStatus,
} from './valueSets';

/** What one extractor found: a value, or why there is none; notes either way (e.g. a newer unreadable result). */
export type Extracted<K extends InputKey> = { found: ChartValue<InputValues[K]>; notes: string[] } | { found?: undefined; reason: string; notes: string[] };

const missing = <K extends InputKey>(reason: string, notes: string[] = []): Extracted<K> => ({ reason, notes });

/** The date before which a value is stale. */
export function staleBefore(now: Date, months = STALE_AFTER_MONTHS): number {
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - months);
  return cutoff.getTime();
}

const isStale = (date: string | undefined, now: Date) => date !== undefined && Date.parse(date) < staleBefore(now);
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
/** The day of a FHIR date or date-time (local), without the time: "5 Mar 2024", or "2024" for a partial date. */
function dated(date: string | undefined): string {
  if (!date) return 'Date not recorded';
  if (!date.includes('T')) return formatFhirDate(date) ?? date;
  const t = Date.parse(date);
  return Number.isNaN(t) ? date : DAY.format(t);
}

// ---- Patient ------------------------------------------------------------------------------------------

export const isDeceased = (patient: Patient) => patient.deceasedBoolean === true || patient.deceasedDateTime !== undefined;

export function ageFrom(patient: Patient, now: Date): Extracted<'age'> {
  const age = ageInYears(patient.birthDate, now);
  if (age === undefined) return missing(patient.birthDate ? `The birth date "${patient.birthDate}" cannot be read.` : 'No birth date on record.');
  return { found: { value: age, display: `${age} years`, when: `Born ${formatFhirDate(patient.birthDate)}`, source: 'Patient record (birth date)', stale: false }, notes: [] };
}

export function sexFrom(patient: Patient): Extracted<'sex'> {
  const gender = patient.gender;
  if (gender === 'female' || gender === 'male') {
    return { found: { value: gender, display: gender === 'female' ? 'Female' : 'Male', when: 'Current record', source: 'Patient record (administrative gender)', stale: false }, notes: [] };
  }
  if (!gender) return missing('No sex on record.');
  return missing(`The record says "${gender}". The equations are sex-specific: choose the one to use.`);
}

export function raceFrom(patient: Patient): Extracted<'race'> {
  const extension = patient.extension?.find((e) => e.url === US_CORE_RACE);
  const parts = extension?.extension ?? [];
  const categories = parts.filter((e) => e.url === 'ombCategory').map((e) => e.valueCoding?.code).filter((c): c is string => !!c);
  const text = parts.find((e) => e.url === 'text')?.valueString?.trim();
  const known = categories.filter((c) => OMB_CATEGORIES[c]);
  if (!known.length) {
    if (!extension) return missing('No race on record (US Core race extension).');
    return missing(`Race is recorded as "${text ?? (categories.join(', ') || 'unknown')}", which does not say which equation applies.`);
  }
  const names = known.map((c) => OMB_CATEGORIES[c]!).join(', ');
  const black = known.includes(OMB_BLACK);
  return {
    found: {
      value: black ? 'african-american' : 'white-or-other',
      display: black ? 'Black or African American' : `White or other (${names})`,
      when: 'Current record',
      source: `Patient record (US Core race${text && text !== names ? `: ${text}` : ''})`,
      stale: false,
    },
    notes: black && known.length > 1 ? [`Recorded as ${names}: the African-American equations are used.`] : [],
  };
}

// ---- Observations ---------------------------------------------------------------------------------------

const UNUSABLE_STATUS = new Set<Observation['status']>(['entered-in-error', 'cancelled', 'registered']);

type Reading<T> = { value: T; display: string; recorded?: string; former?: boolean } | { problem: string };

/**
 * The newest observation `read` can use. Newer ones it cannot use (unknown unit, no value) are named in notes, so
 * an older value is never used silently in place of a newer one.
 */
function latestUsable<T>(observations: readonly Observation[], read: (o: Observation) => Reading<T>) {
  const byDate = observations
    .filter((o) => !UNUSABLE_STATUS.has(o.status))
    .map((o) => ({ o, date: observationDate(o) }))
    .sort((a, b) => (b.date ? Date.parse(b.date) : -Infinity) - (a.date ? Date.parse(a.date) : -Infinity));
  const notes: string[] = [];
  for (const { o, date } of byDate) {
    const reading = read(o);
    if ('problem' in reading) {
      notes.push(`A result of ${dated(date)} could not be used: ${reading.problem}.`);
      continue;
    }
    if (!date) {
      notes.push('A result without a date was not used.');
      continue;
    }
    return { observation: o, date, reading, notes };
  }
  return { notes };
}

const CHOLESTEROL_UNITS: Record<string, { factor: number; label: string }> = {
  'mg/dl': { factor: 1, label: 'mg/dL' },
  'mmol/l': { factor: CHOLESTEROL_MG_DL_PER_MMOL_L, label: 'mmol/L' },
  'g/l': { factor: 100, label: 'g/L' },
};

/** A cholesterol quantity in whole mg/dL (what the view shows is what the equation uses). */
export function cholesterolMgDl(quantity: Quantity | undefined): Reading<number> {
  if (typeof quantity?.value !== 'number' || !Number.isFinite(quantity.value)) return { problem: 'it has no numeric value' };
  if (quantity.comparator) return { problem: `the value ${quantity.comparator}${quantity.value} is not exact` };
  const unit = [quantity.code, quantity.unit].map((u) => u?.trim().toLowerCase()).find((u) => u && CHOLESTEROL_UNITS[u]);
  if (!unit) return { problem: quantity.code || quantity.unit ? `the unit "${quantity.unit ?? quantity.code}" is not one the app converts` : 'it has no unit' };
  const { factor, label } = CHOLESTEROL_UNITS[unit]!;
  const mgDl = Math.round(quantity.value * factor);
  return { value: mgDl, display: `${mgDl} mg/dL`, ...(factor !== 1 ? { recorded: `${quantity.value} ${label}` } : {}) };
}

const loincOf = (o: Observation, codes: readonly string[]) => codesOf(o.code).find((c) => codes.includes(c));

/** Total or HDL cholesterol: the newest usable result among `observations` (searched by `codes`). */
export function cholesterolFrom(observations: readonly Observation[], codes: readonly string[], now: Date, what: string): Extracted<'totalCholesterol'> {
  const mine = observations.filter((o) => loincOf(o, codes));
  const latest = latestUsable(mine, (o) => cholesterolMgDl(o.valueQuantity));
  if (!latest.reading) return missing(mine.length ? `No usable ${what} result.` : `No ${what} result on record.`, latest.notes);
  const { reading, date, observation } = latest;
  return {
    found: { ...reading, when: dated(date), source: `Lab result (LOINC ${loincOf(observation, codes)})`, stale: isStale(date, now) },
    notes: latest.notes,
  };
}

/** The latest systolic pressure, stand-alone (8480-6) or in a blood pressure panel (85354-9). */
export function systolicFrom(observations: readonly Observation[], now: Date): Extracted<'systolic'> {
  const series = extractVitalSeries(observations);
  const latest = series.points.systolic.at(-1);
  const notes = series.skipped.systolic ? [`${series.skipped.systolic} systolic reading(s) could not be used (no value, date or known unit).`] : [];
  if (!latest) return missing('No systolic blood pressure on record.', notes);
  const source = observations.find((o) => o.id === latest.observationId);
  const panel = source ? codesOf(source.code).includes(LOINC_BP_PANEL) : false;
  const value = Math.round(latest.value);
  return {
    found: {
      value,
      display: `${value} mmHg`,
      when: dated(latest.date),
      source: panel ? 'Vital sign: blood pressure panel (LOINC 85354-9)' : 'Vital sign: systolic blood pressure (LOINC 8480-6)',
      stale: isStale(latest.date, now),
    },
    notes,
  };
}

const SMOKING_LABELS: Record<SmokingStatus, string> = {
  current: 'Current smoker',
  former: 'Former smoker',
  never: 'Never smoked',
};

function smokingReading(o: Observation): Reading<boolean> {
  const codings: Coding[] = o.valueCodeableConcept?.coding ?? [];
  const coded = codings.find((c) => (!c.system || c.system === SNOMED) && c.code && SMOKING_ANSWERS[c.code]);
  if (coded) {
    const status = SMOKING_ANSWERS[coded.code!]!;
    return { value: status === 'current', display: SMOKING_LABELS[status], recorded: conceptText(o.valueCodeableConcept), former: status === 'former' };
  }
  const said = conceptText(o.valueCodeableConcept) ?? o.valueString;
  if (codings.some((c) => c.code && SMOKING_UNKNOWN.has(c.code))) return { problem: `it says "${said ?? 'unknown'}"` };
  return { problem: said ? `"${said}" is not a smoking status the app recognises` : 'it has no answer' };
}

export function smokingFrom(observations: readonly Observation[], now: Date): Extracted<'smoker'> {
  const mine = observations.filter((o) => codesOf(o.code).includes(SMOKING_STATUS_CODE));
  const latest = latestUsable(mine, smokingReading);
  if (!latest.reading) return missing(mine.length ? 'No usable smoking status.' : 'No smoking status on record.', latest.notes);
  const { reading, date } = latest;
  return {
    found: {
      value: reading.value,
      display: reading.display,
      when: dated(date),
      source: `Smoking status (LOINC 72166-2)${reading.recorded ? `: ${reading.recorded}` : ''}`,
      stale: isStale(date, now),
    },
    notes: [...(reading.former ? ['A former smoker counts as a non-smoker in both equations.'] : []), ...latest.notes],
  };
}

// ---- Conditions and medication requests ------------------------------------------------------------------

const status = (concept: Condition['clinicalStatus']) => concept?.coding?.find((c) => c.code)?.code;

export function isDiabetesCode(condition: Condition): boolean {
  return (condition.code?.coding ?? []).some(
    (c) => !!c.code && ((c.system === SNOMED && DIABETES_SNOMED.has(c.code)) || (!!c.system && ICD10_SYSTEMS.has(c.system) && DIABETES_ICD10.test(c.code))),
  );
}

const conditionDate = (c: Condition) => c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate;

/** Diabetes from the conditions on record: an active, not refuted diabetes condition. */
export function diabetesFrom(conditions: readonly Condition[], truncated = false): Extracted<'diabetic'> {
  const usable = conditions.filter((c) => !['entered-in-error', 'refuted'].includes(status(c.verificationStatus) ?? ''));
  const notes = truncated ? [`Only the first ${conditions.length} conditions were read.`] : [];
  if (!usable.length) return missing('No conditions on record: the chart does not say.', notes);
  const diabetes = usable.filter(isDiabetesCode);
  const counts = (c: Condition) =>
    ['active', 'recurrence', 'relapse', undefined].includes(status(c.clinicalStatus)) && ['confirmed', undefined].includes(status(c.verificationStatus));
  const current = diabetes.find(counts);
  for (const c of diabetes.filter((d) => !counts(d))) {
    notes.push(`${conceptText(c.code) ?? 'Diabetes'} is recorded as ${[status(c.clinicalStatus), status(c.verificationStatus)].filter(Boolean).join(', ')} and is not counted.`);
  }
  if (current) {
    return {
      found: { value: true, display: 'Yes', when: dated(conditionDate(current)), source: `Condition: ${conceptText(current.code) ?? 'diabetes'}`, stale: false },
      notes,
    };
  }
  return {
    found: { value: false, display: 'No', when: 'Whole record', source: `No active diabetes among ${usable.length} condition${usable.length === 1 ? '' : 's'} on record`, stale: false },
    notes,
  };
}

const medicationName = (m: MedicationRequest) => conceptText(m.medicationCodeableConcept) ?? m.medicationReference?.display;
const allNames = (m: MedicationRequest) =>
  [m.medicationCodeableConcept?.text, ...(m.medicationCodeableConcept?.coding ?? []).map((c) => c.display), m.medicationReference?.display].filter(
    (n): n is string => !!n,
  );

const COUNTING_INTENTS = new Set<MedicationRequest['intent']>(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order', 'plan']);

/** Treatment for high blood pressure: an active medication request for a blood-pressure-lowering drug. */
export function bpTreatmentFrom(requests: readonly MedicationRequest[], truncated = false): Extracted<'bpTreatment'> {
  const notes = truncated ? [`Only the first ${requests.length} medication requests were read.`] : [];
  if (!requests.length) return missing('No medication requests on record: the chart does not say.', notes);
  const active = requests.filter((m) => m.status === 'active' && COUNTING_INTENTS.has(m.intent));
  const unnamed = active.filter((m) => !allNames(m).length).length;
  if (unnamed) notes.push(`${unnamed} active medication request${unnamed === 1 ? '' : 's'} name${unnamed === 1 ? 's' : ''} no medication the app can read.`);
  const treated = active.find((m) => allNames(m).some((n) => antihypertensiveIn(n)));
  if (treated) {
    const others = active.filter((m) => m !== treated && allNames(m).some((n) => antihypertensiveIn(n))).length;
    if (others) notes.push(`${others} more blood-pressure medication${others === 1 ? '' : 's'} active.`);
    return {
      found: {
        value: true,
        display: 'Yes',
        when: dated(treated.authoredOn),
        source: `Medication request (active): ${medicationName(treated) ?? 'unnamed'}`,
        stale: false,
      },
      notes,
    };
  }
  return {
    found: {
      value: false,
      display: 'No',
      when: 'Whole record',
      source: `No blood-pressure medication among ${active.length} active medication request${active.length === 1 ? '' : 's'} (${requests.length} on record)`,
      stale: false,
    },
    notes,
  };
}
