import type { Identifier, Patient } from 'fhir/r4';
import { ageInYears } from './dates';
import { formatHumanName } from './humanName';

export interface PatientView {
  id: string;
  name: string;
  gender?: string;
  birthDate?: string;
  age?: number;
  mrn?: string;
  deceased: boolean;
  deceasedDate?: string;
}

const isMrn = (identifier: Identifier) =>
  identifier.type?.coding?.some((c) => c.code === 'MR') === true || /\bMRN\b/i.test(identifier.type?.text ?? '');

export function findMrn(identifiers: Identifier[] | undefined): string | undefined {
  return (identifiers?.find(isMrn) ?? identifiers?.[0])?.value;
}

export function toPatientView(patient: Patient, now: Date = new Date()): PatientView {
  const deceasedDate = patient.deceasedDateTime;
  const deceased = patient.deceasedBoolean === true || deceasedDate !== undefined;
  const ageAt = deceasedDate ? new Date(deceasedDate) : now;
  return {
    id: patient.id ?? '',
    name: formatHumanName(patient.name) ?? 'Name not recorded',
    gender: patient.gender,
    birthDate: patient.birthDate,
    age: ageInYears(patient.birthDate, ageAt),
    mrn: findMrn(patient.identifier),
    deceased,
    deceasedDate,
  };
}

const GENDER_LABELS: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown sex' };

/** Administrative gender for display; undefined when not recorded. */
export const genderLabel = (gender: string | undefined): string | undefined => (gender ? (GENDER_LABELS[gender] ?? gender) : undefined);
