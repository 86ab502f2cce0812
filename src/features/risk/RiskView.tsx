import { useState } from 'react';
import { Section } from '../../ui/Section';
import { Skeleton } from '../../ui/Skeleton';
import { AboutScores } from './AboutScores';
import { InputList } from './InputList';
import type { InputKey } from './inputs';
import { answeredInputs, currentValues, score, SCORES, staleInputs, type Draft, type ScoreKey } from './riskModel';
import { ScoreResult } from './ScoreResult';
import { useRiskInputs } from './useRiskInputs';
import { WhatIf } from './WhatIf';

const KEYS: ScoreKey[] = ['framingham', 'pce'];

/** The Risk view: both scores from the chart, every input with its provenance, and what-if. */
export function RiskView({ patientId, canRead }: { patientId: string; canRead: (resourceType: string) => boolean }) {
  const chart = useRiskInputs(patientId, canRead);
  // The clinician's answers to missing inputs and the what-if changes: this screen's state only, never saved.
  const [answers, setAnswers] = useState<Draft>({});
  const [changes, setChanges] = useState<Draft>({});
  const current = currentValues(chart.inputs, answers);
  const scores = { framingham: score('framingham', current, chart.deceased), pce: score('pce', current, chart.deceased) };
  const answered = (k: ScoreKey) => answeredInputs(chart.inputs, SCORES[k].needs).filter((key) => current[key] !== undefined);
  const setDraft = (set: typeof setAnswers) => (key: InputKey, value: string) => set((draft) => ({ ...draft, [key]: value }));

  return (
    <div className="view risk-layout">
      <Section title="10-year cardiovascular risk" id="risk-scores" className="risk-layout__scores">
        {chart.loading ? (
          <Skeleton rows={2} label="Loading the risk scores" rowHeight="6rem" />
        ) : (
          <div className="risk-scores">
            {KEYS.map((k) => (
              <ScoreResult key={k} which={k} result={scores[k]} stale={staleInputs(chart.inputs, SCORES[k].needs)} answered={answered(k)} />
            ))}
          </div>
        )}
      </Section>
      <Section
        title="Inputs"
        id="risk-inputs"
        className="risk-layout__inputs"
        actions={<span className="section__hint">Latest value of each · from the chart unless marked</span>}
      >
        <InputList inputs={chart.inputs} answers={answers} onAnswer={setDraft(setAnswers)} />
      </Section>
      <div className="risk-layout__whatif">
        {chart.loading ? (
          <Skeleton rows={3} label="Loading what-if" rowHeight="4rem" />
        ) : (
          <WhatIf current={current} chartScores={scores} changes={changes} onChange={setDraft(setChanges)} onReset={() => setChanges({})} deceased={chart.deceased} />
        )}
      </div>
      <Section title="About these scores" id="risk-about" className="risk-layout__about">
        <AboutScores />
      </Section>
    </div>
  );
}
