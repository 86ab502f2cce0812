import type { CodeableConcept, Coding } from 'fhir/r4';

export function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text?.trim() || concept?.coding?.find((c) => c.display)?.display || concept?.coding?.[0]?.code;
}

export function hasCoding(concept: CodeableConcept | undefined, system: string, code: string): boolean {
  return concept?.coding?.some((c: Coding) => c.system === system && c.code === code) === true;
}

export const codesOf = (concept: CodeableConcept | undefined): string[] =>
  (concept?.coding ?? []).map((c) => c.code).filter((c): c is string => !!c);
