import { STALE_AFTER_MONTHS } from './config';
import type { InputKey } from './inputs';
import { formatRisk, listLabels, SCORES, type Score, type ScoreKey } from './riskModel';

/** A score in a few words: "12.3%", "Missing: race", "Not applicable". */
export function briefScore(result: Score): string {
  if (result.kind === 'risk') return formatRisk(result.tenYearRisk);
  if (result.kind === 'incomplete') return `Missing: ${listLabels(result.missing, 'lower')}`;
  return 'Not applicable';
}

/** One score from the chart (and the clinician's answers), with what it rests on. */
export function ScoreResult({ which, result, stale, answered }: { which: ScoreKey; result: Score; stale: readonly string[]; answered: readonly InputKey[] }) {
  const meta = SCORES[which];
  const headingId = `score-${which}-heading`;
  return (
    <article className={`risk-score risk-score--${result.kind}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{meta.title}</h3>
      {result.kind === 'risk' ? (
        <p className="risk-score__value">
          {formatRisk(result.tenYearRisk)} <span className="risk-score__unit">10-year risk</span>
        </p>
      ) : result.kind === 'incomplete' ? (
        <p className="risk-score__missing">
          <strong>Not calculated.</strong> Missing: {listLabels(result.missing)}.
        </p>
      ) : (
        <p className="risk-score__missing">
          <strong>Not applicable.</strong> {result.reason}
        </p>
      )}
      <p className="risk-score__outcome">{meta.outcome}</p>
      {result.kind === 'risk' && stale.length > 0 && (
        <p className="risk-score__note">
          Uses values older than {STALE_AFTER_MONTHS} months: {stale.join(', ')}.
        </p>
      )}
      {result.kind === 'risk' && answered.length > 0 && <p className="risk-score__note">Uses your answers for: {listLabels(answered, 'lower')}.</p>}
    </article>
  );
}
