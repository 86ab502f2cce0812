// The risk inputs from the chart: one small search per observation code (always with `code`, which servers such
// as Epic require), the patient, and conditions and medication requests only when the sign-in grants them.
import { useMemo } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { useAllConditions } from '../../fhir/queries/conditions';
import { useAllMedicationRequests } from '../../fhir/queries/medicationRequests';
import { useObservationPages } from '../../fhir/queries/observations';
import { usePatient } from '../../fhir/queries/patient';
import type { ObservationQuery } from '../../fhir/queryKeys';
import {
  ageFrom,
  bpTreatmentFrom,
  cholesterolFrom,
  diabetesFrom,
  isDeceased,
  raceFrom,
  sexFrom,
  smokingFrom,
  systolicFrom,
  type Extracted,
} from './chartInputs';
import { READINGS_PER_CODE } from './config';
import type { ChartInput, ChartInputs, InputKey } from './inputs';
import { HDL_CODES, SMOKING_STATUS_CODE, SYSTOLIC_CODES, TOTAL_CHOLESTEROL_CODES } from './valueSets';

type Query<T> = Pick<UseQueryResult<T>, 'isPending' | 'isError' | 'error' | 'data' | 'refetch'>;

function fromQuery<T, K extends InputKey>(query: Query<T>, allowed: boolean, what: string, extract: (data: T) => Extracted<K>): ChartInput<K> {
  if (!allowed) return { status: 'missing', reason: `${what} are not available: this sign-in was not granted access to them.`, notes: [] };
  if (query.isError) {
    if (isForbidden(query.error)) return { status: 'missing', reason: `${what} are not available: the server did not allow access to them.`, notes: [] };
    const message = query.error instanceof Error ? query.error.message : 'Something went wrong.';
    return { status: 'error', reason: `${what} could not be loaded. ${message}`, retry: () => void query.refetch() };
  }
  if (query.isPending || query.data === undefined) return { status: 'loading' };
  const extracted = extract(query.data);
  return extracted.found ? { status: 'found', found: extracted.found, notes: extracted.notes } : { status: 'missing', reason: extracted.reason, notes: extracted.notes };
}

export interface RiskChart {
  inputs: ChartInputs;
  deceased: boolean;
  loading: boolean;
}

export function useRiskInputs(patientId: string, canRead: (resourceType: string) => boolean): RiskChart {
  // "Now" for ages and staleness: fixed while the view is open, so the numbers do not move under the reader.
  const now = useMemo(() => new Date(), []);
  const readPatient = canRead('Patient');
  const readObservations = canRead('Observation');
  const readConditions = canRead('Condition');
  const readMedications = canRead('MedicationRequest');

  const patient = usePatient(readPatient ? patientId : undefined);
  const queries = useMemo<ObservationQuery[]>(
    () => [
      { patient: patientId, code: [...TOTAL_CHOLESTEROL_CODES], count: READINGS_PER_CODE },
      { patient: patientId, code: [...HDL_CODES], count: READINGS_PER_CODE },
      { patient: patientId, code: [...SYSTOLIC_CODES], count: READINGS_PER_CODE },
      { patient: patientId, code: SMOKING_STATUS_CODE, count: READINGS_PER_CODE },
    ],
    [patientId],
  );
  const results = useObservationPages(queries, { enabled: readObservations });
  const [totalCholesterol, hdl, systolic, smoking] = [results[0]!, results[1]!, results[2]!, results[3]!];
  const conditions = useAllConditions({ patient: patientId }, { enabled: readConditions });
  const medications = useAllMedicationRequests({ patient: patientId }, { enabled: readMedications });

  const inputs: ChartInputs = {
    age: fromQuery(patient, readPatient, 'Patient details', (p) => ageFrom(p, now)),
    sex: fromQuery(patient, readPatient, 'Patient details', sexFrom),
    race: fromQuery(patient, readPatient, 'Patient details', raceFrom),
    totalCholesterol: fromQuery(totalCholesterol, readObservations, 'Observations', (d) => cholesterolFrom(d.items, TOTAL_CHOLESTEROL_CODES, now, 'total cholesterol')),
    hdl: fromQuery(hdl, readObservations, 'Observations', (d) => cholesterolFrom(d.items, HDL_CODES, now, 'HDL cholesterol')),
    systolic: fromQuery(systolic, readObservations, 'Observations', (d) => systolicFrom(d.items, now)),
    smoker: fromQuery(smoking, readObservations, 'Observations', (d) => smokingFrom(d.items, now)),
    diabetic: fromQuery(conditions, readConditions, 'Conditions', (d) => diabetesFrom(d.items, d.truncated)),
    bpTreatment: fromQuery(medications, readMedications, 'Medication requests', (d) => bpTreatmentFrom(d.items, d.truncated)),
  };
  const loading = Object.values(inputs).some((i) => i.status === 'loading');
  return { inputs, deceased: readPatient && !!patient.data && isDeceased(patient.data), loading };
}
