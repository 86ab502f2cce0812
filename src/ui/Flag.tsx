/** An abnormal-result flag (HH, H, L, LL, A, AA). Normal values show nothing. Colour is never the only cue. */
const LABELS: Record<string, string> = {
  HH: 'Critical high',
  H: 'High',
  L: 'Low',
  LL: 'Critical low',
  A: 'Abnormal',
  AA: 'Critical abnormal',
};

export function Flag({ flag, computed = false }: { flag: string | undefined; computed?: boolean }) {
  if (!flag || !LABELS[flag]) return null;
  const critical = flag === 'HH' || flag === 'LL' || flag === 'AA';
  const label = `${LABELS[flag]}${computed ? ' (by reference range)' : ''}`;
  return (
    <span className={`flag-badge${critical ? ' flag-badge--critical' : ''}`} title={label}>
      <span aria-hidden="true">
        {flag}
        {computed ? '*' : ''}
      </span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
