import { useId } from 'react';

export interface RangeOption<K extends string> {
  key: K;
  label: string;
}

/** A segmented control built on radio buttons: arrow keys move between options, one tab stop. */
export function RangeSelector<K extends string>({ options, value, onChange, legend = 'Time range' }: { options: readonly RangeOption<K>[]; value: K; onChange: (key: K) => void; legend?: string }) {
  const name = useId();
  return (
    <fieldset className="segmented">
      <legend className="segmented__legend">{legend}</legend>
      {options.map((option) => (
        <label key={option.key} className={`segmented__option${option.key === value ? ' segmented__option--on' : ''}`}>
          <input type="radio" name={name} value={option.key} checked={option.key === value} onChange={() => onChange(option.key)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
