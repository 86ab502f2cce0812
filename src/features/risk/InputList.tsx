import { STALE_AFTER_MONTHS } from './config';
import { INPUT_KEYS, INPUTS, type ChartInput, type ChartInputs, type InputKey } from './inputs';
import { RiskField } from './RiskField';
import { parseDraft, type Draft } from './riskModel';

export const RACE_NOTE =
  'The Pooled Cohort Equations were derived in cohorts of Black and White adults. For other groups the guideline suggests the equations for White adults, which may overestimate or underestimate their risk.';

function Notes({ notes }: { notes: readonly string[] }) {
  return notes.map((note) => (
    <p key={note} className="risk-input__note">
      {note}
    </p>
  ));
}

function InputRow<K extends InputKey>({ inputKey, input, answer, onAnswer }: { inputKey: K; input: ChartInput<K>; answer: string | undefined; onAnswer: (value: string) => void }) {
  const meta = INPUTS[inputKey];
  const raceNote = inputKey === 'race' ? <p className="risk-input__note">{RACE_NOTE}</p> : null;
  if (input.status === 'loading') {
    return (
      <li className="risk-input">
        <div className="risk-input__head">
          <span className="risk-input__label">{meta.label}</span>
          <span className="risk-input__loading">Reading the chart…</span>
        </div>
      </li>
    );
  }
  if (input.status === 'found') {
    const { found } = input;
    return (
      <li className={`risk-input${found.stale ? ' risk-input--stale' : ''}`}>
        <div className="risk-input__head">
          <span className="risk-input__label">{meta.label}</span>
          <strong className="risk-input__value">{found.display}</strong>
          {found.stale && <span className="risk-badge risk-badge--stale">Stale</span>}
        </div>
        <p className="risk-input__meta">
          {found.when} · {found.source}
          {found.recorded && ` · Recorded as ${found.recorded}`}
        </p>
        {found.stale && <p className="risk-input__note">Older than {STALE_AFTER_MONTHS} months: check that it still holds.</p>}
        <Notes notes={input.notes} />
        {raceNote}
      </li>
    );
  }
  // Not in the chart: a question. The answer is used by the scores on this screen only.
  const { error } = parseDraft(inputKey, answer);
  return (
    <li className="risk-input risk-input--question">
      <div className="risk-input__head">
        <span className="risk-badge risk-badge--question">Not in the chart</span>
      </div>
      <RiskField
        inputKey={inputKey}
        id={`answer-${inputKey}`}
        value={answer ?? ''}
        onChange={onAnswer}
        hint={`${input.reason} Your answer is used here only and is not saved.`}
        error={error}
      />
      {input.status === 'error' ? (
        <p className="risk-input__note">
          <button type="button" className="link-button" onClick={input.retry} aria-label={`Try again: ${meta.label}`}>
            Try again
          </button>
        </p>
      ) : (
        <Notes notes={input.notes} />
      )}
      {raceNote}
    </li>
  );
}

/** Every input with value, unit, date and source; a missing one as a question. */
export function InputList({ inputs, answers, onAnswer }: { inputs: ChartInputs; answers: Draft; onAnswer: (key: InputKey, value: string) => void }) {
  return (
    <ul className="risk-inputs" aria-label="Risk inputs">
      {INPUT_KEYS.map((key) => (
        <InputRow key={key} inputKey={key} input={inputs[key] as ChartInput<typeof key>} answer={answers[key]} onAnswer={(value) => onAnswer(key, value)} />
      ))}
    </ul>
  );
}
