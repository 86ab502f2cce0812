// The uPlot chart. Loaded lazily (this module pulls in uPlot and its CSS): import it through LazyTimeSeriesChart.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useElementWidth } from '../../lib/useElementWidth';
import type { ChartBand, TimeSeriesChartProps } from './types';

const cssVar = (el: Element, value: string) => {
  const match = /^var\((--[\w-]+)\)$/.exec(value);
  return match ? getComputedStyle(el).getPropertyValue(match[1]!).trim() || '#0b5cad' : value;
};

/** Shades each normal range across the plotting area, under the lines. */
function bandsPlugin(bands: readonly ChartBand[], color: () => string): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        ctx.fillStyle = color();
        ctx.globalAlpha = 0.14;
        for (const band of bands) {
          const top = u.valToPos(band.high, 'y', true);
          const bottom = u.valToPos(band.low, 'y', true);
          ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
        }
        ctx.restore();
      },
    },
  };
}

export default function TimeSeriesChart({ xs, series, bands = [], unit, height, xRange, label }: TimeSeriesChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const width = useElementWidth(boxRef);
  const measured = width > 0;

  useEffect(() => {
    const box = boxRef.current;
    if (!box || !measured) return;
    const bandLows = bands.map((b) => b.low);
    const bandHighs = bands.map((b) => b.high);
    const opts: uPlot.Options = {
      width,
      height,
      legend: { show: series.length > 1, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      scales: {
        x: { time: true, ...(xRange ? { range: () => xRange } : {}) },
        y: {
          range: (_u, min, max) => {
            const lo = Math.min(min ?? Infinity, ...bandLows);
            const hi = Math.max(max ?? -Infinity, ...bandHighs);
            if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
            const pad = (hi - lo || Math.abs(hi) || 1) * 0.08;
            return [lo - pad, hi + pad];
          },
        },
      },
      axes: [
        { stroke: cssVar(box, 'var(--color-muted)'), grid: { stroke: 'rgba(0,0,0,0.06)' } },
        { stroke: cssVar(box, 'var(--color-muted)'), grid: { stroke: 'rgba(0,0,0,0.06)' }, size: 48, label: unit, labelSize: 18 },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: cssVar(box, s.color),
          width: 2,
          spanGaps: true,
          points: { show: xs.length < 120, size: 5 },
        })),
      ],
      plugins: bands.length ? [bandsPlugin(bands, () => cssVar(box, 'var(--color-success)'))] : [],
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
  }, [xs, series, bands, unit, height, xRange, measured]);

  useEffect(() => {
    if (width > 0) plotRef.current?.setSize({ width, height });
  }, [width, height]);

  return <div ref={boxRef} className="chart-box" style={{ minHeight: height }} role="img" aria-label={label} />;
}
