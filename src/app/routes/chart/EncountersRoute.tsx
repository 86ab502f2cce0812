import { EncountersView } from '../../../features/encounters/EncountersView';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChart } from './chartContext';

export default function EncountersRoute() {
  const { patientId, encounterId, canRead } = useChart();
  useDocumentTitle('Encounters');
  return <EncountersView patientId={patientId} launchEncounterId={encounterId} canRead={canRead} />;
}
