import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rangeStartDate } from '../../../src/lib/timeRange';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { bpPanel, daysAgo, patient, vital } from '../../support/views/fhirFixtures';
import { instances } from '../../support/views/fakeUplot';
import { renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

vi.mock('uplot', () => import('../../support/views/fakeUplot'));

const server = mockServer();
let fhir: FakeFhir;

afterEach(() => {
  vi.restoreAllMocks();
  instances.length = 0;
});
beforeEach(() => {
  fhir = createFakeFhir();
  server.use(...fhir.handlers);
  fhir.patients.push(patient('p1'));
});

/** The range searches (pages of 1000), not the latest-readings search of 100 the view also reads. */
const vitalSearches = () => fhir.searches('Observation').filter((u) => u.searchParams.get('category') === 'vital-signs' && u.searchParams.get('_count') === '1000');

async function openTable(vital: string) {
  await userEvent.click(await screen.findByText(`Show readings as a table: ${vital}`, { exact: false }));
  return screen.getByRole('table', { name: new RegExp(`^${vital} readings`) });
}

describe('Vitals', () => {
  it('asks for one year of vital signs in pages of 1000 and follows next links', async () => {
    for (let i = 0; i < 1500; i++) fhir.observations.push(vital('8867-4', 'Heart rate', 60 + (i % 30), '/min', { patient: 'p1', date: daysAgo(i % 360, i % 24) }));
    fhir.observations.push(vital('8867-4', 'Heart rate', 99, '/min', { patient: 'p1', date: daysAgo(800) }));
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findByText('1500 readings since', { exact: false })).toBeInTheDocument();
    // (StrictMode may start and cancel the first request once: compare distinct URLs.)
    const [first, second, ...rest] = [...new Set(vitalSearches().map(String))].map((u) => new URL(u));
    expect(rest).toEqual([]);
    expect(first!.searchParams.get('_count')).toBe('1000');
    expect(first!.searchParams.getAll('date')).toEqual([`ge${rangeStartDate('1y')}`]);
    expect(second!.searchParams.get('_offset')).toBe('1000');
  });

  it('switches range with a new bounded query; "All" drops the date filter', async () => {
    fhir.observations.push(
      vital('8867-4', 'Heart rate', 70, '/min', { patient: 'p1', date: daysAgo(10) }),
      vital('8867-4', 'Heart rate', 90, '/min', { patient: 'p1', date: daysAgo(200) }),
      vital('8867-4', 'Heart rate', 99, '/min', { patient: 'p1', date: daysAgo(3000) }),
    );
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    await screen.findByText('2 readings since', { exact: false });
    await userEvent.click(screen.getByRole('radio', { name: '3 months' }));
    await screen.findByText('1 readings since', { exact: false });
    expect(vitalSearches().at(-1)!.searchParams.getAll('date')).toEqual([`ge${rangeStartDate('3m')}`]);
    await userEvent.click(screen.getByRole('radio', { name: 'All' }));
    await screen.findByText('3 readings');
    expect(vitalSearches().at(-1)!.searchParams.getAll('date')).toEqual([]);
  });

  it('normalises units by UCUM code and labels the normalised unit', async () => {
    fhir.observations.push(
      vital('29463-7', 'Body weight', 154.3, '[lb_av]', { patient: 'p1', date: daysAgo(5) }),
      vital('29463-7', 'Body weight', 71500, 'g', { patient: 'p1', date: daysAgo(6) }),
      vital('29463-7', 'Body weight', 72, 'kg', { patient: 'p1', date: daysAgo(7) }),
      vital('29463-7', 'Body weight', 11, '[stone_av]', { patient: 'p1', date: daysAgo(8) }),
      vital('8310-5', 'Body temperature', 98.6, '[degF]', { patient: 'p1', date: daysAgo(5) }),
      vital('8310-5', 'Body temperature', 36.8, 'Cel', { patient: 'p1', date: daysAgo(6) }),
    );
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findByRole('heading', { name: 'Weight (kg)' })).toBeInTheDocument();
    const weight = await openTable('Weight');
    const rows = within(weight).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual([expect.stringContaining('70.0154.3 lb'), expect.stringContaining('71.571500 g'), expect.stringContaining('72.0')]);
    expect(screen.getByText(/1 reading not shown \(unit not convertible to kg/)).toBeInTheDocument();

    expect(screen.getByRole('heading', { name: 'Temperature (°C)' })).toBeInTheDocument();
    const temperature = await openTable('Temperature');
    expect(within(temperature).getAllByRole('row')[1]!.textContent).toContain('37.098.6 °F');
    // 98.6 °F is 37.0 °C: normal by NEWS2, so no flag.
    expect(within(temperature).queryByText(/High|Low/)).not.toBeInTheDocument();
  });

  it('charts BP from panels and stand-alone observations, with the normal bands', async () => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue({ width: 340, height: 200, top: 0, left: 0, right: 340, bottom: 200, x: 0, y: 0, toJSON: () => ({}) });
    fhir.observations.push(
      bpPanel(120, 80, { patient: 'p1', date: daysAgo(20) }),
      vital('8480-6', 'Systolic blood pressure', 135, 'mm[Hg]', { patient: 'p1', date: daysAgo(10) }),
      vital('8462-4', 'Diastolic blood pressure', 85, 'mm[Hg]', { patient: 'p1', date: daysAgo(10) }),
    );
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    const table = await openTable('Blood pressure');
    expect(within(table).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([expect.stringContaining('135/85'), expect.stringContaining('120/80')]);
    await waitFor(() => expect(instances.some((u) => u.opts.series.some((s) => s.label === 'Systolic'))).toBe(true));
    const bp = instances.find((u) => u.opts.series.some((s) => s.label === 'Systolic'))!;
    expect(Array.from(bp.data[1]!)).toEqual([120, 135]);
    expect(Array.from(bp.data[2]!)).toEqual([80, 85]);
    expect(bp.opts.width).toBe(340);
    expect(bp.opts.plugins).toHaveLength(3); // the NEWS2 band, the flagged points, the tooltip
    expect(screen.getByText('Normal (NEWS2): systolic 111–219; diastolic not scored')).toBeInTheDocument();
  });

  it('says so when there are no readings, and defaults nothing', async () => {
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findAllByText('No readings recorded.')).toHaveLength(8);
  });

  it('flags readings by NEWS2 in the table and names them in the chart’s description; notes are shown', async () => {
    fhir.observations.push(
      vital('8867-4', 'Heart rate', 72, '/min', { patient: 'p1', date: daysAgo(30) }),
      vital('8867-4', 'Heart rate', 104, '/min', { patient: 'p1', date: daysAgo(20) }),
      { ...vital('8867-4', 'Heart rate', 131, '/min', { patient: 'p1', date: daysAgo(2) }), note: [{ text: '<b>After</b> a fall' }] },
    );
    const { container } = renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findByRole('img', { name: 'Heart rate chart, 3 readings, 2 flagged (1 critical). The table below lists them.' })).toBeInTheDocument();
    const table = await openTable('Heart rate');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('Critical high')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('<b>After</b> a fall')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('High')).toBeInTheDocument();
    expect(within(rows[2]!).queryByText(/High|Low/)).not.toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Note' })).toBeInTheDocument();
    expect(container.querySelector('b')).toBeNull();
  });

  it('charts height with the other vitals', async () => {
    fhir.observations.push(vital('8302-2', 'Body height', 172.4, 'cm', { patient: 'p1', date: daysAgo(40) }), vital('8302-2', 'Body height', 172.6, 'cm', { patient: 'p1', date: daysAgo(4) }));
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findByRole('img', { name: /^Height chart, 2 readings\./ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Height (cm)' })).toBeInTheDocument();
  });
});

describe('Vitals against a server whose newest data is 18 months old', () => {
  it('opens on a range that contains the latest readings, and says so', async () => {
    fhir.observations.push(
      vital('8867-4', 'Heart rate', 70, '/min', { patient: 'p1', date: daysAgo(550) }),
      vital('8867-4', 'Heart rate', 75, '/min', { patient: 'p1', date: daysAgo(600) }),
    );
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findByText('2 readings since', { exact: false })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: '5 years' })).toBeChecked();
    expect(screen.getByText(/^Opened on “5 years”: the latest reading is from .* \(18 months ago\)\.$/)).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: /^Heart rate chart, 2 readings/ })).toBeInTheDocument();
    // Never "0 readings": the one-year search, if made at all, is not what the view shows.
    expect(screen.queryByText(/^0 readings/)).not.toBeInTheDocument();
  });

  it('points a chart with no reading in the range to its latest one, one click away', async () => {
    fhir.observations.push(
      vital('8867-4', 'Heart rate', 70, '/min', { patient: 'p1', date: daysAgo(3) }),
      vital('8302-2', 'Body height', 171, 'cm', { patient: 'p1', date: daysAgo(3 * 365 + 5) }),
    );
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    const height = (await screen.findByRole('heading', { name: 'Height (cm)' })).closest('section')!;
    expect(screen.getByRole('radio', { name: '1 year' })).toBeChecked();
    expect(within(height).getByText('No readings in this period. Latest reading:')).toBeInTheDocument();
    expect(within(height).getByText('3 years ago')).toBeInTheDocument();
    await userEvent.click(within(height).getByRole('button', { name: 'Show 5 years (Height)' }));
    expect(screen.getByRole('radio', { name: '5 years' })).toBeChecked();
    expect(await screen.findByRole('img', { name: /^Height chart, 1 readings/ })).toBeInTheDocument();
  });

  it('shows "not available" for a 403 and keeps the rest of the app working', async () => {
    fhir.forbidden.add('Observation:vital-signs');
    renderChart('/chart/vitals', { context: { patient: 'p1' } });
    expect(await screen.findByText(/Vital signs are not available: the server did not allow access/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'Encounters' }));
    expect(await screen.findByText('No encounters recorded.')).toBeInTheDocument();
  });
});
