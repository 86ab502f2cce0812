import { RiskView } from '../../../features/risk/RiskView';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChart } from './chartContext';

export default function RiskRoute() {
  const { patientId, canRead } = useChart();
  useDocumentTitle('Cardiovascular risk');
  // Keyed by patient: answers and what-if changes never carry over to another patient.
  return <RiskView key={patientId} patientId={patientId} canRead={canRead} />;
}
