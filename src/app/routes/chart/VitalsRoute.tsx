import { VitalsView } from '../../../features/vitals/VitalsView';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChart } from './chartContext';

export default function VitalsRoute() {
  const { patientId, canRead } = useChart();
  useDocumentTitle('Vitals');
  return <VitalsView patientId={patientId} canRead={canRead} />;
}
