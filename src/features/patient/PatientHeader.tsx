import { usePatient } from '../../fhir/queries/patient';
import { isForbidden } from '../../fhir/queries/errorStatus';
import { genderLabel, toPatientView } from '../../fhir/mappers/patient';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { InlineError } from '../../ui/InlineError';
import { Skeleton } from '../../ui/Skeleton';
import { Unavailable } from '../../ui/Unavailable';

/** The patient banner: who this chart is about. Every value comes from the Patient resource, as text. */
export function PatientHeader({ patientId }: { patientId: string }) {
  const query = usePatient(patientId);
  if (query.isPending) return <Skeleton rows={2} label="Loading patient" rowHeight="1.6rem" />;
  if (query.isError) {
    if (isForbidden(query.error)) return <Unavailable what="Patient details" reason="forbidden" />;
    return <InlineError title="Patient could not be loaded." error={query.error} onRetry={() => void query.refetch()} />;
  }
  const view = toPatientView(query.data);
  const born = formatFhirDate(view.birthDate);
  const sex = genderLabel(view.gender) ?? 'Sex not recorded';
  const age = view.age !== undefined ? `${view.age} y${view.deceased ? ' at death' : ''}` : 'Age unknown';
  return (
    <header className="patient-header" aria-label="Patient">
      <h1 className="patient-header__name">{view.name}</h1>
      <p className="patient-header__summary">
        {sex}, {age}
        {view.deceased && <span className="patient-header__deceased-badge"> Deceased</span>}
      </p>
      <dl className="patient-header__facts">
        <div>
          <dt>Born</dt>
          <dd>{born ?? 'Not recorded'}</dd>
        </div>
        <div>
          <dt>MRN</dt>
          <dd>{view.mrn ?? 'Not recorded'}</dd>
        </div>
        {view.deceased && (
          <div className="patient-header__deceased">
            <dt>Died</dt>
            <dd>{formatFhirDate(view.deceasedDate) ?? 'Date not recorded'}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}
