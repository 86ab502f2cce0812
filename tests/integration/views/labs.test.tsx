import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { daysAgo, lab, patient, vital } from '../../support/views/fhirFixtures';
import { renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

vi.mock('uplot', () => import('../../support/views/fakeUplot'));

const server = mockServer();
let fhir: FakeFhir;

afterEach(() => {
  vi.restoreAllMocks();
});
beforeEach(() => {
  fhir = createFakeFhir();
  server.use(...fhir.handlers);
  fhir.patients.push(patient('p1'));
});

describe('Labs', () => {
  it('groups results by test, newest test first, with value, range and flags', async () => {
    fhir.observations.push(
      lab('2345-7', 'Glucose', 36, 'mg/dL', { patient: 'p1', date: daysAgo(40), low: 70, high: 99, interpretation: 'LL' }),
      lab('2345-7', 'Glucose', 105, 'mg/dL', { patient: 'p1', date: daysAgo(5), low: 70, high: 99 }),
      lab('2823-3', 'Potassium', 4.2, 'mmol/L', { patient: 'p1', date: daysAgo(2), low: 3.5, high: 5.1, interpretation: 'N' }),
      lab('718-7', 'Hemoglobin', 6.4, 'g/dL', { patient: 'p1', date: daysAgo(90), low: 12, high: 17.5, interpretation: 'LL' }),
      vital('8867-4', 'Heart rate', 72, '/min', { patient: 'p1', date: daysAgo(1) }),
    );
    renderChart('/chart/labs', { context: { patient: 'p1' } });
    const list = await screen.findByRole('list', { name: 'Lab tests' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('button').querySelector('.lab-test__name')!.textContent)).toEqual(['Potassium', 'Glucose', 'Hemoglobin']);
    expect(within(items[1]!).getByText('105 mg/dL')).toBeInTheDocument();
    expect(within(items[1]!).getByText('High (by reference range)')).toBeInTheDocument();
    expect(within(items[1]!).getByText(/Range 70–99 mg\/dL · 2 results, 2 flagged/)).toBeInTheDocument();
    expect(within(items[2]!).getByText('Critical low')).toBeInTheDocument();
    expect(within(items[0]!).queryByText(/High|Low/)).not.toBeInTheDocument();
    expect(screen.queryByText('Heart rate')).not.toBeInTheDocument();
    const search = fhir.searches('Observation').at(-1)!;
    expect(search.searchParams.get('category')).toBe('laboratory');
    expect(search.searchParams.get('_count')).toBe('1000');
  });

  it('opens a test’s history: chart and every result, newest first', async () => {
    fhir.observations.push(
      lab('2345-7', 'Glucose', 36, 'mg/dL', { patient: 'p1', date: daysAgo(40), low: 70, high: 99, interpretation: 'LL' }),
      lab('2345-7', 'Glucose', 105, 'mg/dL', { patient: 'p1', date: daysAgo(5), low: 70, high: 99 }),
    );
    renderChart('/chart/labs', { context: { patient: 'p1' } });
    const button = await screen.findByRole('button', { name: /Glucose/ });
    expect(button).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    const table = screen.getByRole('table', { name: 'Glucose results, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('105 mg/dL'), expect.stringContaining('36 mg/dL')]);
    expect(within(rows[1]!).getByText('Critical low')).toBeInTheDocument();
    expect(await screen.findByRole('img', { name: /Glucose history chart, 2 results/ })).toBeInTheDocument();
  });

  it('virtualises a long history (the 5,000-observation patient)', async () => {
    // jsdom has no layout: give the scroll region the height a browser would.
    vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(320);
    vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(340);
    for (let i = 0; i < 1200; i++) {
      fhir.observations.push(lab('2345-7', 'Glucose', 80 + (i % 40), 'mg/dL', { patient: 'p1', date: daysAgo(i), low: 70, high: 99 }));
    }
    renderChart('/chart/labs', { context: { patient: 'p1' } });
    await userEvent.click(await screen.findByRole('button', { name: /Glucose/ }));
    const table = screen.getByRole('table', { name: 'Glucose results, newest first' });
    expect(table).toHaveAttribute('aria-rowcount', '1201');
    const drawn = within(table).getAllByRole('row');
    expect(drawn.length).toBeLessThan(60);
    expect(drawn[1]).toHaveAttribute('aria-rowindex', '2');
    // Two pages of 1000 were read for the range.
    expect(new Set(fhir.searches('Observation').map((u) => u.searchParams.get('_offset'))).size).toBe(2);
  });

  it('names tests by their short name, shows the full LOINC name in the detail, and every note', async () => {
    const long = 'Cholesterol in HDL [Mass/volume] in Serum or Plasma';
    const hdl = (value: number, days: number) => {
      const o = lab('2085-9', long, value, 'mg/dL', { patient: 'p1', date: daysAgo(days), low: 40, high: 90 });
      return { ...o, code: { ...o.code, text: 'HDL cholesterol' } };
    };
    fhir.observations.push({ ...hdl(38, 3), note: [{ text: 'Non-fasting sample' }] }, hdl(44, 500));
    renderChart('/chart/labs', { context: { patient: 'p1' } });
    const button = await screen.findByRole('button', { name: /^HDL cholesterol 38 mg\/dL Low \(by reference range\) Down from 44 \(/ });
    expect(within(button).queryByText(long)).not.toBeInTheDocument();
    expect(screen.getByText('Non-fasting sample')).toBeInTheDocument();
    await userEvent.click(button);
    const detail = screen.getByRole('region', { name: 'HDL cholesterol' });
    expect(within(detail).getByText(long)).toBeInTheDocument();
    const table = within(detail).getByRole('table', { name: 'HDL cholesterol results, newest first' });
    expect(within(table).getByRole('columnheader', { name: 'Note' })).toBeInTheDocument();
    expect(within(table).getByText('Non-fasting sample')).toBeInTheDocument();
  });

  it('renders markup in results as text', async () => {
    const observation = lab('2345-7', '<img src=x onerror=alert(1)>Glucose', 90, 'mg/dL', { patient: 'p1', date: daysAgo(1) });
    fhir.observations.push(observation);
    const { container } = renderChart('/chart/labs', { context: { patient: 'p1' } });
    expect(await screen.findAllByText('<img src=x onerror=alert(1)>Glucose')).not.toHaveLength(0);
    expect(container.querySelector('img')).toBeNull();
  });
});
