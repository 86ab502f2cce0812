import { RiskCard } from '../../../features/risk/RiskCard';
import { SummaryView } from '../../../features/summary/SummaryView';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChart } from './chartContext';

const PATHS = { labs: '/chart/labs', encounters: '/chart/encounters' };

export default function SummaryRoute() {
  const { patientId, canRead } = useChart();
  useDocumentTitle('Summary');
  return (
    <>
      <SummaryView patientId={patientId} canRead={canRead} paths={PATHS} />
      <RiskCard patientId={patientId} canRead={canRead} riskPath="/chart/risk" />
    </>
  );
}
