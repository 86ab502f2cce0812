// The uPlot chart. Loaded lazily (this module pulls in uPlot and its CSS): import it through LazyTimeSeriesChart.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useElementWidth } from '../../lib/useElementWidth';
import { bandsPlugin, flagsPlugin, tooltipPlugin } from './plugins';
import type { TimeSeriesChartProps } from './types';
import { yRange } from './yRange';

const cssVar = (el: Element, value: string) => {
  const match = /^var\((--[\w-]+)\)$/.exec(value);
  return match ? getComputedStyle(el).getPropertyValue(match[1]!).trim() || '#0b5cad' : value;
};

export default function TimeSeriesChart({ xs, series, bands = [], unit, height, xRange, label, notes }: TimeSeriesChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const width = useElementWidth(boxRef);
  const measured = width > 0;

  useEffect(() => {
    const box = boxRef.current;
    if (!box || !measured) return;
    const colour = (value: string) => cssVar(box, value);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: series.length > 1, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: true, ...(xRange ? { range: () => xRange } : {}) },
        y: { range: (_u, min, max) => yRange(min, max, bands) },
      },
      axes: [
        { stroke: colour('var(--color-muted)'), grid: { stroke: 'rgba(0,0,0,0.06)' } },
        { stroke: colour('var(--color-muted)'), grid: { stroke: 'rgba(0,0,0,0.06)' }, size: 48, label: unit, labelSize: 18 },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: colour(s.color),
          width: 2,
          spanGaps: true,
          points: { show: xs.length < 120, size: 5 },
        })),
      ],
      plugins: [
        ...(bands.length ? [bandsPlugin(bands, colour)] : []),
        ...(series.some((s) => s.flags) ? [flagsPlugin(series, colour)] : []),
        tooltipPlugin(series, unit, notes),
      ],
    };
    const data = [xs, ...series.map((s) => s.values)] as unknown as uPlot.AlignedData;
    const plot = new uPlot(opts, data, box);
    plotRef.current = plot;
    return () => {
      plot.destroy();
      plotRef.current = null;
    };
    // Width changes are handled below without rebuilding the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xs, series, bands, unit, height, xRange, notes, measured]);

  useEffect(() => {
    if (width > 0) plotRef.current?.setSize({ width, height });
  }, [width, height]);

  return <div ref={boxRef} className="chart-box" style={{ minHeight: height }} role="img" aria-label={label} />;
}
