import { Link } from 'react-router';
import { Section } from '../../ui/Section';
import { Skeleton } from '../../ui/Skeleton';
import { currentValues, listLabels, score, SCORES, staleInputs, type ScoreKey } from './riskModel';
import { briefScore } from './ScoreResult';
import { useRiskInputs } from './useRiskInputs';

const KEYS: ScoreKey[] = ['framingham', 'pce'];

/** The Summary's compact card: both scores from the chart alone, what is missing or stale, a link to the view. */
export function RiskCard({ patientId, canRead, riskPath }: { patientId: string; canRead: (resourceType: string) => boolean; riskPath: string }) {
  const chart = useRiskInputs(patientId, canRead);
  if (chart.loading) {
    return (
      <Section title="Cardiovascular risk" id="risk-card" className="risk-card">
        <Skeleton rows={2} label="Loading cardiovascular risk" />
      </Section>
    );
  }
  const values = currentValues(chart.inputs, {});
  const stale = staleInputs(chart.inputs);
  return (
    <Section title="Cardiovascular risk" id="risk-card" className="risk-card">
      <ul className="rows risk-card__rows" aria-label="10-year cardiovascular risk">
        {KEYS.map((k) => {
          const result = score(k, values, chart.deceased);
          return (
            <li key={k} className="row risk-card__row">
              <span className="row__main">
                {SCORES[k].title}: <strong>{result.kind === 'incomplete' ? 'not calculated' : briefScore(result)}</strong>
              </span>
              <span className="row__meta">
                {result.kind === 'risk' && '10-year risk'}
                {result.kind === 'incomplete' && `Missing: ${listLabels(result.missing, 'lower')}`}
                {result.kind === 'not-applicable' && result.reason}
              </span>
            </li>
          );
        })}
      </ul>
      {stale.length > 0 && <p className="note">Stale: {stale.join(', ')}.</p>}
      <p className="more-link">
        <Link to={riskPath}>Risk inputs and what-if</Link>
      </p>
    </Section>
  );
}
