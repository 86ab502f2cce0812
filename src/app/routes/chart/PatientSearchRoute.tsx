import { PatientSearch } from '../../../features/patientSearch/PatientSearch';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';

export default function PatientSearchRoute({ onSelect }: { onSelect: (patientId: string) => void }) {
  useDocumentTitle('Find a patient');
  return <PatientSearch onSelect={onSelect} />;
}
