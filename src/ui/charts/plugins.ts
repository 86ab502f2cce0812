// uPlot plugins of the time-series chart: normal bands behind the lines, flagged points drawn with their flag,
// and a tooltip for the point under the pointer. The canvas is decorative for assistive tech (role=img with a
// summary); every value, flag and note is also in the table alternative, so the tooltip is aria-hidden.
import type uPlot from 'uplot';
import { FLAG_WORDS, isCriticalFlag } from '../flagWords';
import type { ChartBand, ChartSeries } from './types';

type Colour = (value: string) => string;

/** Shades each normal range across the plotting area, under the lines. */
export function bandsPlugin(bands: readonly ChartBand[], colour: Colour): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        ctx.globalAlpha = 0.14;
        for (const band of bands) {
          ctx.fillStyle = colour(band.color ?? 'var(--color-success)');
          const top = u.valToPos(band.high, 'y', true);
          const bottom = u.valToPos(band.low, 'y', true);
          ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
        }
        ctx.restore();
      },
    },
  };
}

/** More flagged points than this in view: markers only, no letters (they would overlap). */
const MAX_LABELLED = 40;

const isFlagged = (flag: string | undefined): flag is string => !!flag && flag !== 'N' && flag in FLAG_WORDS;

/** A ring on each H/L/A point, a filled dot on each critical one, and the flag's letters beside it. */
export function flagsPlugin(series: readonly ChartSeries[], colour: Colour): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        const ratio = devicePixelRatio || 1;
        const danger = colour('var(--color-danger)');
        const surface = colour('var(--color-surface)');
        const xs = u.data[0];
        const [from, to] = [u.series[0]?.idxs?.[0] ?? 0, u.series[0]?.idxs?.[1] ?? xs.length - 1];
        const points: { x: number; y: number; flag: string }[] = [];
        series.forEach((s, si) => {
          if (!s.flags) return;
          const ys = u.data[si + 1]!;
          for (let i = from; i <= to; i++) {
            const flag = s.flags[i] ?? undefined;
            const v = ys[i];
            if (!isFlagged(flag) || v === null || v === undefined) continue;
            points.push({ x: u.valToPos(xs[i]!, 'x', true), y: u.valToPos(v, 'y', true), flag });
          }
        });
        if (!points.length) return;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        ctx.lineWidth = 2 * ratio;
        ctx.font = `700 ${11 * ratio}px system-ui, sans-serif`;
        ctx.textAlign = 'center';
        const labelled = points.length <= MAX_LABELLED;
        const drawn: { left: number; right: number; top: number; bottom: number }[] = [];
        for (const { x, y, flag } of points) {
          const critical = isCriticalFlag(flag);
          const r = (critical ? 5 : 4) * ratio;
          ctx.beginPath();
          ctx.arc(x, y, r, 0, 2 * Math.PI);
          ctx.fillStyle = critical ? danger : surface;
          ctx.fill();
          ctx.strokeStyle = danger;
          ctx.stroke();
          if (labelled) {
            ctx.fillStyle = danger;
            // Low flags below their point, high ones above, unless that side leaves the plot.
            const above = y - r - 4 * ratio;
            const below = y + r + 12 * ratio;
            const fitsAbove = above - 11 * ratio >= bbox.top;
            const fitsBelow = below <= bbox.top + bbox.height;
            const labelY = flag.startsWith('L') ? (fitsBelow ? below : above) : fitsAbove ? above : below;
            const half = ctx.measureText(flag).width / 2;
            const labelX = Math.min(Math.max(x, bbox.left + half), bbox.left + bbox.width - half);
            // A label that would overlap one already drawn is left out (the marker still shows).
            const box = { left: labelX - half - 2 * ratio, right: labelX + half + 2 * ratio, top: labelY - 11 * ratio, bottom: labelY };
            if (drawn.some((d) => box.left < d.right && d.left < box.right && box.top < d.bottom && d.top < box.bottom)) continue;
            drawn.push(box);
            ctx.fillText(flag, labelX, labelY);
          }
        }
        ctx.restore();
      },
    },
  };
}

const WHEN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The hovered point's date, each series' value with its flag in words, and the note. Text only (notes are untrusted). */
export function tooltipPlugin(series: readonly ChartSeries[], unit: string, notes: ArrayLike<string | undefined> | undefined): uPlot.Plugin {
  let tip: HTMLDivElement | undefined;
  const line = (text: string, className?: string) => {
    const p = document.createElement('p');
    p.textContent = text;
    if (className) p.className = className;
    return p;
  };
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'chart-tip';
        tip.setAttribute('aria-hidden', 'true');
        tip.hidden = true;
        u.over.appendChild(tip);
      },
      setCursor: (u) => {
        if (!tip) return;
        const i = u.cursor.idx;
        if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
          tip.hidden = true;
          return;
        }
        const rows: HTMLElement[] = [line(WHEN.format(new Date(u.data[0][i]! * 1000)), 'chart-tip__date')];
        series.forEach((s, si) => {
          const v = u.data[si + 1]![i];
          if (v === null || v === undefined) return;
          const flag = s.flags?.[i] ?? undefined;
          const value = `${s.format ? s.format(v) : String(v)} ${unit}`.trim();
          rows.push(line(`${series.length > 1 ? `${s.label}: ` : ''}${value}${isFlagged(flag) ? ` ${flag} (${FLAG_WORDS[flag]})` : ''}`, isFlagged(flag) ? 'chart-tip__flagged' : undefined));
        });
        const note = notes?.[i];
        if (note) rows.push(line(`Note: ${note}`, 'chart-tip__note'));
        tip.replaceChildren(...rows);
        tip.hidden = false;
        const left = u.cursor.left;
        const top = u.cursor.top ?? 0;
        const width = u.over.clientWidth;
        // Keep it inside the plot: to the left of the pointer on the right half.
        tip.style.left = left > width / 2 ? '' : `${left + 12}px`;
        tip.style.right = left > width / 2 ? `${width - left + 12}px` : '';
        tip.style.top = `${Math.max(0, top - 12)}px`;
      },
    },
  };
}
