// Budgets, the JSON result and the readable table.
import type { BundleFigures } from './bundle';
import { FIGURES, GAPS, type CompareFigures, type Condition, type PhaseFigures } from './compareFigures';
import type { Ratio } from './ratios';
import { formatChain } from './requests';
import type { InitialAnalysis } from './analyze';
import type { LaunchFigures } from './launch';
import type { ScaleFigures } from './scale';
import type { SessionFigures } from './session';
import type { Sample } from './stats';

export type Outcome<T> = T | { error: string };
export const failed = <T extends object>(outcome: Outcome<T> | undefined): outcome is { error: string } => !!outcome && 'error' in outcome;

export interface Results {
  bundle?: Outcome<BundleFigures & { analysis?: InitialAnalysis }>;
  ehrLaunch?: Outcome<LaunchFigures>;
  standaloneLaunch?: Outcome<LaunchFigures>;
  session?: Outcome<SessionFigures>;
  scale?: Outcome<ScaleFigures>;
  compare?: Outcome<CompareFigures>;
}

export type BudgetStatus = 'pass' | 'fail' | 'not measurable yet' | 'error' | 'skipped';

export interface Budget {
  id: string;
  label: string;
  value: number | null;
  unit: string;
  /** The limit, compared with ≤. */
  budget: number;
  status: BudgetStatus;
  note?: string;
}

/** Budgets (all "value ≤ budget"). kB = 1000 bytes, as Vite reports sizes. */
export const BUDGETS = {
  initialJsGzipKB: 130,
  nameVisibleMs: 1500,
  firstObservationsAfterTokenMs: 1500,
  chartDrawnAfterTokenMs: 3000,
  heapAfterLoadMB: 150,
  longestTaskMs: 200,
  failedQueries: 0,
  /** Side by side, cold, pre-approved authorize: this app / reference (paired ratio, median), by added latency. */
  compareRatio: { 100: 0.85, 0: 1.0 } as Record<number, number>,
} as const;

const kB = (bytes: number) => Math.round(bytes / 100) / 10;

function check(id: string, label: string, unit: string, budget: number, outcome: Outcome<object> | undefined, value: () => number | null, options: { notMeasurableNote?: string; note?: string } = {}): Budget {
  if (outcome === undefined) return { id, label, value: null, unit, budget, status: 'skipped' };
  if (failed(outcome)) return { id, label, value: null, unit, budget, status: 'error', note: outcome.error };
  const v = value();
  if (v === null) return { id, label, value: null, unit, budget, status: options.notMeasurableNote ? 'not measurable yet' : 'error', note: options.notMeasurableNote ?? 'no value measured' };
  return { id, label, value: v, unit, budget, status: v <= budget ? 'pass' : 'fail', ...(options.note ? { note: options.note } : {}) };
}

const med = (s: Sample) => s.median;

export function evaluateBudgets(r: Results): Budget[] {
  const ok = <T extends object>(o: Outcome<T> | undefined) => o as T;
  return [
    check('bundle.initialJsGzip', 'Initial JS of the first screen (gzip)', 'kB', BUDGETS.initialJsGzipKB, r.bundle, () => kB(ok(r.bundle).initialJs.gzipBytes)),
    check('ehrLaunch.nameVisible', 'EHR launch → patient name visible', 'ms', BUDGETS.nameVisibleMs, r.ehrLaunch, () => med(ok(r.ehrLaunch).nameVisibleMs)),
    check('standaloneLaunch.nameVisible', 'Standalone launch → name visible (sign-in page left out)', 'ms', BUDGETS.nameVisibleMs, r.standaloneLaunch, () => med(ok(r.standaloneLaunch).nameVisibleMs)),
    (() => {
      const s = r.session && !failed(r.session) ? r.session : undefined;
      return check('session.refreshes', 'Session: refresh_token calls', 'calls', s?.refreshesAllowed ?? 0, r.session, () => s?.tokenRequests.refresh_token ?? null, {
        note: s ? s.formula : undefined,
      });
    })(),
    check('session.failedQueries', 'Session: failed queries', 'count', BUDGETS.failedQueries, r.session, () => ok(r.session).failedQueries.total),
    check('scale.firstObservationsAfterToken', 'p-large: first observations after the token', 'ms', BUDGETS.firstObservationsAfterTokenMs, r.scale, () => med(ok(r.scale).firstObservationsAfterTokenMs)),
    check('scale.chartDrawnAfterToken', 'p-large: vitals chart drawn after the token', 'ms', BUDGETS.chartDrawnAfterTokenMs, r.scale, () => med(ok(r.scale).chartDrawnAfterTokenMs), {
      notMeasurableNote: 'no Vitals view with a <canvas> chart in this UI yet',
    }),
    check('scale.heapAfterLoad', 'p-large: JS heap after load', 'MB', BUDGETS.heapAfterLoadMB, r.scale, () => med(ok(r.scale).heapAfterLoadMB)),
    check('scale.longestTaskLoading', 'p-large: longest task while loading', 'ms', BUDGETS.longestTaskMs, r.scale, () => med(ok(r.scale).longestTaskLoadingMs)),
    check('scale.longestTaskInteraction', 'p-large: longest task scrolling/switching', 'ms', BUDGETS.longestTaskMs, r.scale, () => med(ok(r.scale).longestTaskInteractionMs)),
    ...compareBudgets(r.compare),
  ];
}

const LATENCIES_BUDGETED = [100, 0];
const RATIO_FIGURES = [
  ['nameVisibleMs', 'nameVisibleRatio', 'name visible'],
  ['firstObservationMs', 'firstObservationRatio', 'first observation visible'],
] as const;

export const compareBudgetId = (latencyMs: number, figure: string) => `compare.cold.${latencyMs}ms.${figure}`;

function compareBudgets(outcome: Outcome<CompareFigures> | undefined): Budget[] {
  return LATENCIES_BUDGETED.flatMap((latencyMs) =>
    RATIO_FIGURES.map(([key, id, label]) =>
      check(compareBudgetId(latencyMs, id), `Side by side, cold, +${latencyMs} ms: ${label}, this app / reference`, 'ratio', BUDGETS.compareRatio[latencyMs]!, outcome, () => {
        const condition = (outcome as CompareFigures).conditions.find((c) => c.budgeted && c.latencyMs === latencyMs);
        return condition?.cold.ratio[key].median ?? null;
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------- the table

interface Row {
  label: string;
  value: string;
  budget?: string;
  status?: string;
}

const ms = (s: Sample | undefined) => (s?.median === null || s === undefined ? 'n/a' : `${Math.round(s.median)} ms${s.runs.length > 1 ? ` (${s.min}–${s.max})` : ''}`);
const STATUS: Record<BudgetStatus, string> = { pass: 'ok', fail: 'MISSED', 'not measurable yet': 'n/m yet', error: 'ERROR', skipped: 'skipped' };

function budgetRow(b: Budget, value?: string): Row {
  const shown = value ?? (b.value === null ? 'n/a' : `${b.value} ${b.unit}`);
  return { label: b.label, value: shown, budget: `≤ ${b.budget} ${b.unit}`, status: STATUS[b.status] };
}

export function tableRows(r: Results, budgets: Budget[]): Row[] {
  const by = (id: string) => budgets.find((b) => b.id === id)!;
  const rows: Row[] = [];
  const section = (title: string, outcome: Outcome<object> | undefined) => {
    if (outcome === undefined) return false;
    rows.push({ label: `— ${title}`, value: '' });
    if (failed(outcome)) {
      rows.push({ label: 'error', value: outcome.error.split('\n')[0]!.slice(0, 100), status: STATUS.error });
      return false;
    }
    return true;
  };
  if (section('Bundle (dist/, gzip -9)', r.bundle)) {
    const b = r.bundle as BundleFigures & { analysis?: InitialAnalysis };
    rows.push(budgetRow(by('bundle.initialJsGzip'), `${kB(b.initialJs.gzipBytes)} kB (${b.initialJs.files.length} files)`));
    rows.push({ label: 'Total JS (gzip)', value: `${kB(b.totalJs.gzipBytes)} kB (${b.totalJs.files} files)` });
    rows.push({ label: 'Lazily loaded JS (gzip)', value: `${kB(b.lazyJs.gzipBytes)} kB (${b.lazyJs.files.length} files)` });
    const chart = b.lazyJs.files.find((f) => f.file === b.lazyJs.chartChunk);
    rows.push({ label: 'Chart chunk (uPlot)', value: chart ? `${kB(chart.gzipBytes)} kB ${chart.file.replace('assets/', '')}` : 'none (uPlot not in a lazy chunk)' });
    for (const p of b.analysis?.packages.slice(0, 6) ?? []) rows.push({ label: `  initial: ${p.name}`, value: `~${kB(p.gzipBytesEstimate)} kB gzip (${kB(p.bytes)} kB min)` });
  }
  for (const [key, title, id] of [
    ['ehrLaunch', 'EHR launch (+100 ms per sandbox request)', 'ehrLaunch.nameVisible'],
    ['standaloneLaunch', 'Standalone launch (+100 ms per sandbox request)', 'standaloneLaunch.nameVisible'],
  ] as const) {
    if (!section(title, r[key])) continue;
    const l = r[key] as LaunchFigures;
    rows.push(budgetRow(by(id), ms(l.nameVisibleMs)));
    rows.push({ label: 'First observations visible', value: ms(l.observationsVisibleMs) });
    if (l.signIn) {
      rows.push({ label: '  = before the sign-in page', value: ms(l.signIn.beforeSignInMs) });
      rows.push({ label: '  + from /callback to the name', value: ms(l.signIn.callbackToNameMs) });
      rows.push({ label: 'Left out: Approve → /callback (server)', value: ms(l.signIn.approveToCallbackMs) });
    }
    rows.push({ label: 'Code exchange answered at', value: ms(l.milestonesMs.tokenDone) });
    const critical = Object.entries(l.requests.byKind)
      .filter(([, k]) => k.critical > 0)
      .map(([kind, k]) => `${kind} ${k.critical}`)
      .join(', ');
    rows.push({ label: 'Requests on the critical path to the name', value: `${l.requests.criticalToName} (listed below)` });
    rows.push({ label: '  by kind', value: critical });
    rows.push({ label: 'Requests in total', value: `${l.requests.total} (${l.requests.fromCache} from cache)` });
  }
  if (section('Session (20 s tokens, a user step every 2 s)', r.session)) {
    const s = r.session as SessionFigures;
    rows.push({ label: 'Elapsed / token lifetimes', value: `${s.elapsedS} s / ${s.lifetimesElapsed}` });
    rows.push(budgetRow(by('session.refreshes'), `${s.tokenRequests.refresh_token} (${s.refreshesPerLifetime} per lifetime)`));
    rows.push({ label: 'Time between token responses', value: `${s.refreshIntervalS.median} s (${s.refreshIntervalS.min}–${s.refreshIntervalS.max})` });
    rows.push({ label: 'FHIR requests by the page', value: `${s.fhirRequests.byPage} (in ${s.fhirRequests.lifetimesWithRequests} lifetimes, longest gap ${s.fhirRequests.longestGapS} s)` });
    rows.push(budgetRow(by('session.failedQueries')));
  }
  if (section('Scale: p-large, 5,000 observations (+100 ms)', r.scale)) {
    const s = r.scale as ScaleFigures;
    rows.push(budgetRow(by('scale.firstObservationsAfterToken'), ms(s.firstObservationsAfterTokenMs)));
    rows.push(budgetRow(by('scale.chartDrawnAfterToken'), s.chartStatus === 'measured' ? ms(s.chartDrawnAfterTokenMs) : 'not measurable yet'));
    rows.push({ label: 'Vitals chart drawn after the click', value: ms(s.chartDrawnAfterClickMs) });
    rows.push(budgetRow(by('scale.heapAfterLoad')));
    rows.push({ label: 'JS heap after the interactions', value: `${s.heapAfterInteractionMB.median} MB` });
    rows.push(budgetRow(by('scale.longestTaskLoading'), `${ms(s.longestTaskLoadingMs)}, ${s.longTasksLoading.median} long tasks`));
    rows.push(budgetRow(by('scale.longestTaskInteraction'), `${ms(s.longestTaskInteractionMs)}, ${s.longTasksInteraction.median} long tasks`));
  }
  if (section('Side by side with the reference app (fhirclient 2.6 + React): this app / reference, paired ratio median (min–max)', r.compare)) {
    const compare = r.compare as CompareFigures;
    for (const condition of compare.conditions) compareRows(rows, condition, by);
    if (compare.withoutDevtools) {
      rows.push({ label: '— Side by side without DevTools attached during the launch (pre-approved, cold, no budget)', value: '' });
      for (const c of compare.withoutDevtools.conditions) {
        for (const { key, label } of FIGURES.filter((f) => f.key === 'nameVisibleMs' || f.key === 'firstObservationMs')) {
          const k = key as 'nameVisibleMs' | 'firstObservationMs';
          rows.push({ label: `+${c.latencyMs} ms: ${label}`, value: `${amount(c.app[k].median, 'ms')} / ${amount(c.reference[k].median, 'ms')}  ${ratioText(c.ratio[k])}` });
        }
      }
    }
  }
  return rows;
}

const ratioText = (ratio: Ratio) => (ratio.median === null ? 'n/a' : `×${ratio.median.toFixed(2)}${ratio.runs.length > 1 ? ` (${ratio.min!.toFixed(2)}–${ratio.max!.toFixed(2)})` : ''}`);

function amount(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  if (unit === 'B') return `${kB(value)} kB`;
  return `${Math.round(value)}${unit ? ` ${unit}` : ''}`;
}

function compareRows(rows: Row[], condition: Condition, by: (id: string) => Budget): void {
  const flow = condition.ehrPreapproved ? 'pre-approved authorize (1 redirect)' : 'full sign-in flow (3 redirects), no budget';
  rows.push({ label: `— Side by side: ${flow}, +${condition.latencyMs} ms per sandbox request`, value: '' });
  for (const phase of ['cold', 'warm'] as const) {
    const figures: PhaseFigures = condition[phase];
    for (const { key, label, unit } of FIGURES) {
      const value = `${amount(figures.app[key].median, unit)} / ${amount(figures.reference[key].median, unit)}  ${ratioText(figures.ratio[key])}`;
      const budgetId = RATIO_FIGURES.find(([k]) => k === key)?.[1];
      if (phase === 'cold' && condition.budgeted && budgetId && LATENCIES_BUDGETED.includes(condition.latencyMs)) {
        const budget = by(compareBudgetId(condition.latencyMs, budgetId));
        rows.push({ label: `${phase}: ${label}`, value, budget: `≤ ${budget.budget}`, status: STATUS[budget.status] });
      } else rows.push({ label: `${phase}: ${label}`, value });
    }
  }
  const gapLabels: Record<(typeof GAPS)[number], string> = {
    launchPageToDiscoveryMs: 'cold: launch page’s files → discovery',
    returnToTokenMs: 'cold: redirect back → code exchange',
    tokenToFirstFhirMs: 'cold: token → first FHIR request',
  };
  for (const gap of GAPS) {
    rows.push({ label: gapLabels[gap], value: `${amount(condition.cold.app[gap].median, 'ms')} / ${amount(condition.cold.reference[gap].median, 'ms')}` });
  }
}

export function formatTable(rows: Row[]): string {
  // Section titles sit on lines of their own: they do not widen the columns.
  const body = rows.filter((row) => !row.label.startsWith('— '));
  const width = (pick: (row: Row) => string) => Math.max(0, ...body.map((row) => pick(row).length));
  const w1 = width((r) => r.label);
  const w2 = width((r) => r.value);
  const w3 = Math.max(6, width((r) => r.budget ?? ''));
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w1)}  ${b.padEnd(w2)}  ${c.padEnd(w3)}  ${d}`.trimEnd();
  return [
    line('Figure', 'Value (median, min–max)', 'Budget', 'Status'),
    line('-'.repeat(w1), '-'.repeat(w2), '-'.repeat(w3), '------'),
    ...rows.map((r) => (r.label.startsWith('— ') ? `\n${r.label.slice(2)}` : line(r.label, r.value, r.budget ?? '—', r.status ?? ''))),
  ].join('\n');
}

/** The critical path to the name of each launch, one request a line. */
export function criticalPaths(r: Results): string {
  const blocks: string[] = [];
  for (const [key, title] of [
    ['ehrLaunch', 'EHR launch'],
    ['standaloneLaunch', 'Standalone launch'],
  ] as const) {
    const outcome = r[key];
    if (!outcome || failed(outcome)) continue;
    blocks.push(`Critical path to the name, ${title} (ms from the start, median run${key === 'standaloneLaunch' ? ', time on the sign-in page included' : ''}):\n${formatChain(outcome.requests.criticalPathToName)}`);
  }
  if (r.compare && !failed(r.compare)) {
    for (const condition of r.compare.conditions.filter((c) => c.budgeted)) {
      for (const app of ['app', 'reference'] as const) {
        const run = condition.cold.medianRun[app];
        blocks.push(
          `Critical path to the name, side by side, ${app === 'app' ? 'this app' : 'reference app'}, cold, +${condition.latencyMs} ms, pre-approved ` +
            `(median run ${run.run}: name at ${run.nameVisibleMs} ms, first observation at ${run.firstObservationMs} ms):\n${formatChain(run.criticalPathToName)}`,
        );
      }
    }
  }
  return blocks.join('\n\n');
}
