import { useMemo, useState } from 'react';
import { formatFhirDate } from '../../fhir/mappers/dates';
import { bpReadings, formatVitalNumber, MEASURES, unitLabel, type VitalDef, type VitalSeries } from '../../fhir/mappers/vitals';
import { WithFlag } from '../../ui/Flag';
import { VirtualTable, type Column } from '../../ui/VirtualTable';

interface Row {
  key: string;
  date: string;
  value: string;
  flag?: string;
  recorded?: string;
  note?: string;
}

function rowsFor(def: VitalDef, data: VitalSeries): Row[] {
  if (def.key === 'bp') {
    return bpReadings(data)
      .reverse()
      .map((r) => ({
        key: String(r.t),
        date: r.date,
        value: `${formatVitalNumber('systolic', r.systolic?.value)}/${formatVitalNumber('diastolic', r.diastolic?.value)}`,
        flag: r.systolic?.flag,
        note: r.systolic?.note ?? r.diastolic?.note,
      }));
  }
  const measure = MEASURES[def.measures[0]!];
  return [...data.points[measure.measure]].reverse().map((p) => ({
    key: `${p.t}-${p.observationId}`,
    date: p.date,
    value: formatVitalNumber(measure.measure, p.value),
    flag: p.flag,
    recorded: p.original ? `${p.original.value} ${p.original.unit}` : undefined,
    note: p.note,
  }));
}

/** The accessible alternative to a chart: every reading with its flag and note, newest first. Built only when opened. */
export function VitalTable({ def, data, count }: { def: VitalDef; data: VitalSeries; count: number }) {
  const [open, setOpen] = useState(false);
  const unit = unitLabel(def.measures[0]!);
  const rows = useMemo(() => (open ? rowsFor(def, data) : []), [open, def, data]);
  const columns = useMemo<Column<Row>[]>(() => {
    const cols: Column<Row>[] = [
      { key: 'date', header: 'Date', cell: (r) => formatFhirDate(r.date), width: '42%' },
      {
        key: 'value',
        header: `${def.key === 'bp' ? 'Systolic/diastolic' : 'Value'} (${unit})`,
        cell: (r) => <WithFlag flag={r.flag}>{r.value}</WithFlag>,
        className: 'num',
      },
    ];
    if (rows.some((r) => r.recorded)) cols.push({ key: 'recorded', header: 'As recorded', cell: (r) => r.recorded ?? '', className: 'num' });
    if (rows.some((r) => r.note)) cols.push({ key: 'note', header: 'Note', cell: (r) => r.note ?? '' });
    return cols;
  }, [def.key, unit, rows]);
  return (
    <details className="table-toggle" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Show readings as a table: {def.label} ({count})
      </summary>
      {open && <VirtualTable rows={rows} columns={columns} rowKey={(r) => r.key} label={`${def.label} readings (${unit})`} maxHeight={288} />}
    </details>
  );
}
