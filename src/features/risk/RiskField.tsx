import { CHOICES, INPUTS, type InputKey } from './inputs';

/** One input as a form control: a text box for numbers (a decimal comma is accepted), a select for choices. */
export function RiskField({
  inputKey,
  id,
  value,
  onChange,
  hint,
  error,
  namePrefix,
  changed = false,
}: {
  inputKey: InputKey;
  id: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  /** Read before the label by assistive technology only (e.g. "Hypothetical"), so names stay unique on the page. */
  namePrefix?: string;
  /** Differs from the chart (what-if). */
  changed?: boolean;
}) {
  const meta = INPUTS[inputKey];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`risk-field risk-field--${inputKey}${error ? ' risk-field--invalid' : ''}${changed ? ' risk-field--changed' : ''}`}>
      <label htmlFor={id}>
        {namePrefix && (
          <>
            <span className="visually-hidden">{namePrefix}</span>{' '}
          </>
        )}
        {meta.label}
        {meta.unit && (
          <>
            {' '}
            <span className="unit">({meta.unit})</span>
          </>
        )}
      </label>
      {meta.kind === 'number' ? (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      ) : (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
          <option value="">Choose…</option>
          {CHOICES[inputKey as keyof typeof CHOICES].map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      )}
      {hint && (
        <p id={`${id}-hint`} className="risk-field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="risk-field__error">
          {error}
        </p>
      )}
    </div>
  );
}
