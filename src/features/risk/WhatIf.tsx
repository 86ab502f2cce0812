import { INPUT_KEYS, type InputKey } from './inputs';
import { RiskField } from './RiskField';
import { formatValue, hypotheticalValues, parseDraft, score, SCORES, toDraft, type Draft, type Score, type ScoreKey, type Values } from './riskModel';
import { briefScore } from './ScoreResult';

const KEYS: ScoreKey[] = ['framingham', 'pce'];

/** "+1.3 points" between two risks, when both are numbers. */
function difference(chart: Score, hypothetical: Score): string | undefined {
  if (chart.kind !== 'risk' || hypothetical.kind !== 'risk') return undefined;
  const points = (hypothetical.tenYearRisk - chart.tenYearRisk) * 100;
  if (Math.abs(points) < 0.05) return 'no change';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} points`;
}

/**
 * The clinician changes any input and sees the hypothetical risk beside the chart's. The changes live in this
 * component's state only: nothing is saved, sent or written to the record.
 */
export function WhatIf({
  current,
  chartScores,
  changes,
  onChange,
  onReset,
  deceased,
}: {
  current: Values;
  chartScores: Record<ScoreKey, Score>;
  changes: Draft;
  onChange: (key: InputKey, value: string) => void;
  onReset: () => void;
  deceased: boolean;
}) {
  const hypothetical = hypotheticalValues(current, changes);
  const scores = { framingham: score('framingham', hypothetical, deceased), pce: score('pce', hypothetical, deceased) };
  const changed = INPUT_KEYS.filter((k) => changes[k] !== undefined && hypothetical[k] !== current[k]);
  const summary = `Hypothetical: ${KEYS.map((k) => `${SCORES[k].short} ${briefScore(scores[k])}`).join(', ')}.`;

  return (
    <section className="section risk-whatif" aria-labelledby="what-if-heading">
      <div className="section__head">
        <h2 id="what-if-heading">What if…</h2>
        <span className="risk-badge risk-badge--hypothetical">Hypothetical</span>
      </div>
      <p className="note risk-whatif__intro">Change any value to see a hypothetical risk beside the one from the chart. Nothing here is saved or sent to the record.</p>
      <table className="table risk-compare">
        <caption className="visually-hidden">10-year risk from the chart and hypothetical</caption>
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col">From the chart</th>
            <th scope="col">Hypothetical</th>
          </tr>
        </thead>
        <tbody>
          {KEYS.map((k) => {
            const delta = difference(chartScores[k], scores[k]);
            const result = scores[k];
            return (
              <tr key={k}>
                <th scope="row">{SCORES[k].short}</th>
                <td className="num">{briefScore(chartScores[k])}</td>
                <td className="num risk-compare__hypothetical">
                  {briefScore(result)}
                  {delta && <span className="risk-compare__delta"> ({delta})</span>}
                  {result.kind === 'not-applicable' && <span className="risk-compare__reason">{result.reason}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="visually-hidden" aria-live="polite">
        {changed.length ? summary : ''}
      </p>
      <div className="actions risk-whatif__presets">
        <button type="button" className="button--quiet" onClick={() => onChange('smoker', 'false')} disabled={hypothetical.smoker === false}>
          Stop smoking
        </button>
        <button type="button" className="button--quiet" onClick={() => onChange('systolic', '120')} disabled={hypothetical.systolic === 120}>
          Systolic 120 mmHg
        </button>
        <button type="button" className="button--quiet" onClick={onReset} disabled={Object.keys(changes).length === 0}>
          Reset to the chart
        </button>
      </div>
      <fieldset className="risk-whatif__fields">
        <legend className="visually-hidden">Hypothetical values</legend>
        {INPUT_KEYS.map((k) => {
          const text = changes[k] ?? toDraft(current[k]);
          return (
            <RiskField
              key={k}
              inputKey={k}
              id={`what-if-${k}`}
              namePrefix="Hypothetical"
              changed={changed.includes(k)}
              value={text}
              onChange={(value) => onChange(k, value)}
              hint={changed.includes(k) ? `Changed from ${formatValue(k, current[k])}` : undefined}
              error={parseDraft(k, text).error}
            />
          );
        })}
      </fieldset>
    </section>
  );
}
