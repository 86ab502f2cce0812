import { usePatient } from '../../fhir/queries/patient';
import { toPatientView } from '../../fhir/mappers/patient';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { InlineError } from '../../ui/InlineError';
import { Skeleton } from '../../ui/Skeleton';

const GENDER: Record<string, string> = { male: 'Male', female: 'Female', other: 'Other', unknown: 'Unknown sex' };

export function PatientHeader({ patientId }: { patientId: string }) {
  const query = usePatient(patientId);
  if (query.isPending) return <Skeleton rows={2} label="Loading patient" />;
  if (query.isError) return <InlineError title="Patient could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  const view = toPatientView(query.data);
  const born = formatFhirDate(view.birthDate);
  return (
    <header className="patient-header" aria-label="Patient">
      <h1 className="patient-header__name">{view.name}</h1>
      <dl className="patient-header__facts">
        <div>
          <dt>Sex</dt>
          <dd>{view.gender ? (GENDER[view.gender] ?? view.gender) : 'Not recorded'}</dd>
        </div>
        <div>
          <dt>Born</dt>
          <dd>
            {born ?? 'Not recorded'}
            {view.age !== undefined && ` (${view.age} y)`}
          </dd>
        </div>
        <div>
          <dt>MRN</dt>
          <dd>{view.mrn ?? 'Not recorded'}</dd>
        </div>
        {view.deceased && (
          <div className="patient-header__deceased">
            <dt>Deceased</dt>
            <dd>{formatFhirDate(view.deceasedDate) ?? 'Yes'}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}
