export interface ChartSeries {
  label: string;
  /** Values aligned with the chart's x values; null = no reading at that time. */
  values: ArrayLike<number | null>;
  /** A CSS custom property or colour for the line. */
  color: string;
  /** Flags aligned with `values` (H, L, HH, LL, A, AA; N or nothing = normal): drawn on the points and named in the tooltip. */
  flags?: ArrayLike<string | undefined>;
  /** How a value of this series is written (default: as is). */
  format?: (value: number) => string;
}

export interface ChartBand {
  low: number;
  high: number;
  label: string;
  /** Default: the success colour. A chart with several series tints each band in its series' colour. */
  color?: string;
}

export interface TimeSeriesChartProps {
  /** Seconds since the epoch, ascending. */
  xs: ArrayLike<number>;
  series: readonly ChartSeries[];
  /** Normal ranges, drawn as shaded bands behind the lines. */
  bands?: readonly ChartBand[];
  unit: string;
  height: number;
  /** Visible time window in seconds; defaults to the data's extent. */
  xRange?: [number, number];
  /** Short description for assistive tech (the numbers are in the table alternative). */
  label: string;
  /** Notes aligned with `xs` (`Observation.note`), shown in the tooltip. */
  notes?: ArrayLike<string | undefined>;
}
