/** A tiny inline trend line (decorative: the numbers are always shown as text too). Points oldest first. */
export function Sparkline({ values, width = 80, height = 24, low, high }: { values: readonly number[]; width?: number; height?: number; low?: number; high?: number }) {
  if (values.length < 2) return <svg className="sparkline" width={width} height={height} aria-hidden="true" />;
  const all = [...values, ...(low !== undefined ? [low] : []), ...(high !== undefined ? [high] : [])];
  const min = Math.min(...all);
  const max = Math.max(...all);
  const span = max - min || 1;
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  const x = (i: number) => 1 + (i / (values.length - 1)) * (width - 2);
  const points = values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const band = low !== undefined && high !== undefined ? { top: y(high), bottom: y(low) } : undefined;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      {band && <rect className="sparkline__band" x={0} y={band.top} width={width} height={Math.max(1, band.bottom - band.top)} />}
      <polyline className="sparkline__line" points={points} fill="none" />
      <circle className="sparkline__last" cx={x(values.length - 1)} cy={y(values.at(-1)!)} r={2} />
    </svg>
  );
}
