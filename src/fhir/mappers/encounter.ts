import type { Encounter } from 'fhir/r4';
import { conceptText } from './codeableConcept';

export interface EncounterRow {
  id: string;
  start?: string;
  end?: string;
  classLabel: string;
  type?: string;
  status: string;
  location?: string;
  practitioner?: string;
}

const CLASS_LABELS: Record<string, string> = {
  AMB: 'Ambulatory',
  EMER: 'Emergency',
  IMP: 'Inpatient',
  ACUTE: 'Inpatient acute',
  NONAC: 'Inpatient non-acute',
  OBSENC: 'Observation',
  PRENC: 'Pre-admission',
  SS: 'Short stay',
  VR: 'Virtual',
  HH: 'Home health',
};

export function toEncounterRow(encounter: Encounter): EncounterRow {
  const cls = encounter.class;
  return {
    id: encounter.id ?? '',
    start: encounter.period?.start,
    end: encounter.period?.end,
    classLabel: cls?.display ?? (cls?.code ? (CLASS_LABELS[cls.code] ?? cls.code) : 'Unknown class'),
    type: encounter.type?.map(conceptText).find(Boolean),
    status: encounter.status,
    location: encounter.location?.map((l) => l.location.display).find(Boolean),
    practitioner: encounter.participant?.map((p) => p.individual?.display).find(Boolean),
  };
}
