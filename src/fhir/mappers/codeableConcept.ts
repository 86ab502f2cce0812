import type { CodeableConcept, Coding } from 'fhir/r4';

export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text?.trim() || concept?.coding?.find((c) => c.display)?.display || concept?.coding?.[0]?.code;
}

export function hasCoding(concept: CodeableConcept | undefined, system: string, code: string): boolean {
  return concept?.coding?.some((c: Coding) => c.system === system && c.code === code) === true;
}

export const codesOf = (concept: CodeableConcept | undefined): string[] =>
  (concept?.coding ?? []).map((c) => c.code).filter((c): c is string => !!c);

const namesOf = (concept: CodeableConcept | undefined): string[] =>
  [concept?.text, ...(concept?.coding ?? []).map((c) => c.display)].map((n) => n?.trim()).filter((n): n is string => !!n);

/**
 * The name a clinician reads: the shortest of `text` and the codings' displays (EHRs put "Potassium" in `text`
 * beside LOINC's "Potassium [Moles/volume] in Serum or Plasma"); the first code when nothing has a name.
 */
export function shortConceptText(concept: CodeableConcept | undefined): string | undefined {
  const names = namesOf(concept);
  if (!names.length) return concept?.coding?.find((c) => c.code)?.code;
  return names.reduce((shortest, name) => (name.length < shortest.length ? name : shortest));
}

/** The longest name (typically LOINC's full name), for a detail view beside the short one. */
export function longConceptText(concept: CodeableConcept | undefined): string | undefined {
  const names = namesOf(concept);
  return names.length ? names.reduce((longest, name) => (name.length > longest.length ? name : longest)) : undefined;
}
