import { LabsView } from '../../../features/labs/LabsView';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChart } from './chartContext';

export default function LabsRoute() {
  const { patientId, canRead } = useChart();
  useDocumentTitle('Labs');
  return <LabsView patientId={patientId} canRead={canRead} />;
}
