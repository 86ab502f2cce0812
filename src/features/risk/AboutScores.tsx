import { STALE_AFTER_MONTHS } from './config';
import { RACE_NOTE } from './InputList';

/** What the two scores are, and what they are not. */
export function AboutScores() {
  return (
    <div className="risk-about">
      <p>
        <strong>Framingham general CVD</strong> (D’Agostino et al., Circulation 2008): the 10-year risk of a first cardiovascular event (coronary
        heart disease, stroke, peripheral artery disease, heart failure), for ages 30–74 without cardiovascular disease.
      </p>
      <p>
        <strong>Pooled Cohort Equations</strong> (Goff et al., 2013 ACC/AHA guideline): the 10-year risk of a first hard atherosclerotic event
        (heart attack, coronary death, stroke), for ages 40–79, total cholesterol 130–320 mg/dL, HDL 20–100 mg/dL and systolic blood pressure
        90–200 mmHg. {RACE_NOTE}
      </p>
      <p>
        Both are for primary prevention: they do not apply to a patient who already has cardiovascular disease, and they are estimates for groups
        of people, not a diagnosis. Each uses the latest value in the chart; a value older than {STALE_AFTER_MONTHS} months is marked stale. Nothing
        is assumed: a value the chart does not give is asked for, and answers and what-if changes are never saved.
      </p>
    </div>
  );
}
