import { useMemo } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import type { LabGroup, LabResultRow } from '../../fhir/mappers/labs';
import { useRevealOnMount } from '../../lib/useRevealOnMount';
import { LazyTimeSeriesChart } from '../../ui/charts/LazyTimeSeriesChart';
import { Flag } from '../../ui/Flag';
import { VirtualTable, type Column } from '../../ui/VirtualTable';

const BASE_COLUMNS: Column<LabResultRow>[] = [
  { key: 'date', header: 'Date', cell: (r) => formatFhirDate(r.date) ?? 'Not recorded', width: '30%' },
  {
    key: 'value',
    header: 'Result',
    cell: (r) => (
      <>
        {r.value}
        {r.status !== 'final' && r.status !== 'amended' && r.status !== 'corrected' && <span className="status-note"> ({r.status})</span>}
      </>
    ),
    width: '24%',
  },
  { key: 'flag', header: 'Flag', cell: (r) => <Flag flag={r.flag} computed={r.flagSource === 'reference-range'} />, width: '14%' },
  { key: 'range', header: 'Reference range', cell: (r) => r.referenceRange ?? '' },
];
const NOTE_COLUMN: Column<LabResultRow> = { key: 'note', header: 'Note', cell: (r) => r.note ?? '' };

const CHART_HEIGHT = 180;

/** One test's history: a chart of its numeric results (in the latest unit), flags marked, and every result as a table. */
export function LabTestDetail({ group, reveal = false }: { group: LabGroup; reveal?: boolean }) {
  const ref = useRevealOnMount<HTMLElement>(reveal);
  const unit = group.latest.unit;
  const chart = useMemo(() => {
    const points = group.results.filter((r) => r.numeric !== undefined && r.unit === unit && !Number.isNaN(r.t)).reverse();
    const { low, high } = group.latest;
    return {
      xs: Float64Array.from(points, (p) => p.t / 1000),
      series: [{ label: group.name, values: Float64Array.from(points, (p) => p.numeric!), color: 'var(--chart-1)', flags: points.map((p) => p.flag) }],
      bands: low !== undefined && high !== undefined ? [{ low, high, label: 'Reference range' }] : [],
      notes: points.map((p) => p.note),
      count: points.length,
      flagged: points.filter((p) => p.flag && p.flag !== 'N').length,
    };
  }, [group, unit]);
  const columns = useMemo(() => (group.results.some((r) => r.note) ? [...BASE_COLUMNS, NOTE_COLUMN] : BASE_COLUMNS), [group]);
  const other = group.results.filter((r) => r.numeric !== undefined && r.unit !== unit).length;
  const headingId = `lab-${group.key.replace(/\W+/g, '-')}-heading`;
  return (
    <section ref={ref} className="section lab-detail" aria-labelledby={headingId}>
      <div className="section__head">
        <h2 id={headingId}>{group.name}</h2>
        {group.code && <span className="code">{group.code}</span>}
      </div>
      {group.latest.fullName && <p className="lab-detail__full-name">{group.latest.fullName}</p>}
      {chart.count >= 2 ? (
        <LazyTimeSeriesChart
          xs={chart.xs}
          series={chart.series}
          bands={chart.bands}
          notes={chart.notes}
          unit={unit ?? ''}
          height={CHART_HEIGHT}
          label={`${group.name} history chart, ${chart.count} results${chart.flagged ? `, ${chart.flagged} flagged` : ''}. The table below lists them.`}
        />
      ) : (
        <p className="note">Not enough numeric results for a chart.</p>
      )}
      {other > 0 && <p className="note">{other} results in other units are not charted.</p>}
      <VirtualTable rows={group.results} columns={columns} rowKey={(r) => r.id || `${r.t}`} label={`${group.name} results, newest first`} maxHeight={320} />
    </section>
  );
}
