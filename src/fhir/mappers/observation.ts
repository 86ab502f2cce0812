import type { Observation, Quantity } from 'fhir/r4';
import { conceptText, codesOf, shortConceptText } from './codeableConcept';
import { displayUnit } from './units';

export interface ObservationRow {
  id: string;
  name: string;
  codes: string[];
  value: string;
  date?: string;
  category?: string;
  /** H, L, HH, LL, A, N … from `interpretation`. */
  interpretation?: string;
  referenceRange?: string;
  encounterId?: string;
  /** `Observation.note`, as text. */
  note?: string;
}

export function formatQuantity(q: Quantity | undefined): string | undefined {
  if (q?.value === undefined) return undefined;
  const comparator = q.comparator ?? '';
  const raw = q.unit ?? q.code;
  const unit = raw ? displayUnit(raw) : undefined;
  return `${comparator}${q.value}${unit ? ` ${unit}` : ''}`;
}

const BP_SYSTOLIC = '8480-6';
const BP_DIASTOLIC = '8462-4';

/** A blood-pressure panel reads `120/80 mmHg`; other component panels list their parts. */
function componentValue(observation: Observation): string | undefined {
  const components = observation.component ?? [];
  const find = (code: string) => components.find((c) => codesOf(c.code).includes(code))?.valueQuantity;
  const sys = find(BP_SYSTOLIC);
  const dia = find(BP_DIASTOLIC);
  if (sys?.value !== undefined && dia?.value !== undefined) return `${sys.value}/${dia.value} ${displayUnit(sys.unit ?? sys.code ?? 'mm[Hg]')}`;
  const parts = components
    .map((c) => {
      const value = formatQuantity(c.valueQuantity) ?? c.valueString ?? conceptText(c.valueCodeableConcept);
      return value ? `${conceptText(c.code) ?? 'Component'}: ${value}` : undefined;
    })
    .filter(Boolean);
  return parts.length ? parts.join('; ') : undefined;
}

export function observationValue(observation: Observation): string {
  return (
    formatQuantity(observation.valueQuantity) ??
    conceptText(observation.valueCodeableConcept) ??
    observation.valueString ??
    (observation.valueBoolean !== undefined ? (observation.valueBoolean ? 'Yes' : 'No') : undefined) ??
    (observation.valueInteger !== undefined ? String(observation.valueInteger) : undefined) ??
    componentValue(observation) ??
    (observation.dataAbsentReason ? `No value (${conceptText(observation.dataAbsentReason)})` : 'No value')
  );
}

/** The observation's notes (`Observation.note`) as one plain text; undefined when there is none. */
export function noteText(observation: Pick<Observation, 'note'>): string | undefined {
  const texts = (observation.note ?? []).map((n) => n.text?.trim()).filter((t): t is string => !!t);
  return texts.length ? texts.join(' · ') : undefined;
}

export function observationDate(observation: Observation): string | undefined {
  return observation.effectiveDateTime ?? observation.effectivePeriod?.start ?? observation.effectiveInstant ?? observation.issued;
}

function formatRange(observation: Observation): string | undefined {
  const range = observation.referenceRange?.[0];
  if (!range) return undefined;
  if (range.text) return range.text;
  const low = range.low?.value;
  const high = range.high?.value;
  const unit = range.high?.unit ?? range.low?.unit ?? '';
  if (low !== undefined && high !== undefined) return `${low}–${high}${unit ? ` ${unit}` : ''}`;
  if (low !== undefined) return `≥ ${low}${unit ? ` ${unit}` : ''}`;
  if (high !== undefined) return `≤ ${high}${unit ? ` ${unit}` : ''}`;
  return undefined;
}

export function toObservationRow(observation: Observation): ObservationRow {
  const encounterRef = observation.encounter?.reference;
  return {
    id: observation.id ?? '',
    name: shortConceptText(observation.code) ?? 'Unnamed observation',
    codes: codesOf(observation.code),
    value: observationValue(observation),
    date: observationDate(observation),
    category: observation.category?.map(conceptText).find(Boolean),
    interpretation: observation.interpretation?.flatMap((i) => codesOf(i))[0],
    referenceRange: formatRange(observation),
    encounterId: encounterRef?.startsWith('Encounter/') ? encounterRef.slice('Encounter/'.length) : undefined,
    note: noteText(observation),
  };
}
