import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { fhirKeys } from '../../../fhir/queryKeys';
import { RiskCard } from '../../../features/risk/RiskCard';
import { SummaryView } from '../../../features/summary/SummaryView';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { useChart } from './chartContext';

const PATHS = { labs: '/chart/labs', encounters: '/chart/encounters' };

/**
 * True once the Summary's own queries have settled: the risk card's searches wait for it, so the first screen
 * stays at its four FHIR requests (the landing requests the callback sends ahead).
 */
function useFirstScreenDone(): boolean {
  const client = useQueryClient();
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done) return;
    // Runs after the views' queries have subscribed (child effects first): they are fetching now, or cached.
    const check = () => {
      if (client.isFetching({ queryKey: fhirKeys.all }) === 0) setDone(true);
    };
    const unsubscribe = client.getQueryCache().subscribe(check);
    check();
    return unsubscribe;
  }, [client, done]);
  return done;
}

export default function SummaryRoute() {
  const { patientId, canRead } = useChart();
  const firstScreenDone = useFirstScreenDone();
  useDocumentTitle('Summary');
  return (
    <>
      <SummaryView patientId={patientId} canRead={canRead} paths={PATHS} />
      {firstScreenDone && <RiskCard patientId={patientId} canRead={canRead} riskPath="/chart/risk" />}
    </>
  );
}
