import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { bpPanel, daysAgo, encounter, lab, patient, vital } from '../../support/views/fhirFixtures';
import { renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

const server = mockServer();
let fhir: FakeFhir;

beforeEach(() => {
  fhir = createFakeFhir();
  server.use(...fhir.handlers);
  fhir.patients.push(patient('p1'));
  fhir.encounters.push(
    encounter('e1', 'p1', daysAgo(100), { type: 'Office visit', location: 'Family Clinic', practitioner: 'Dr. Alice Nguyen' }),
    encounter('e2', 'p1', daysAgo(2), { type: 'Emergency department visit', cls: 'EMER', status: 'in-progress', location: 'General Hospital' }),
  );
  fhir.observations.push(
    vital('8867-4', 'Heart rate', 110, '/min', { patient: 'p1', date: daysAgo(2), encounter: 'e2' }),
    lab('2823-3', 'Potassium', 6.7, 'mmol/L', { patient: 'p1', date: daysAgo(2), encounter: 'e2', interpretation: 'HH' }),
    vital('8867-4', 'Heart rate', 64, '/min', { patient: 'p1', date: daysAgo(100), encounter: 'e1' }),
  );
});

describe('Encounters', () => {
  it('lists encounters with class, type, status, location and practitioner; the launch encounter is preselected', async () => {
    renderChart('/chart/encounters', { context: { patient: 'p1', encounter: 'e2' } });
    const list = await screen.findByRole('list', { name: 'Encounters' });
    const [first, second] = within(list).getAllByRole('button');
    expect(first).toHaveTextContent('Emergency department visit');
    expect(first).toHaveTextContent('Emergency · in-progress · General Hospital');
    expect(second).toHaveTextContent('Office visit');
    expect(second).toHaveTextContent('Dr. Alice Nguyen');
    expect(first).toHaveAttribute('aria-pressed', 'true');

    const table = await screen.findByRole('table', { name: /Observations of Emergency department visit/ });
    expect(within(table).getByText('110 /min')).toBeInTheDocument();
    expect(within(table).getByText('Critical high')).toBeInTheDocument();
    const search = fhir.searches('Observation').find((u) => u.searchParams.get('encounter'))!;
    expect(search.searchParams.get('encounter')).toBe('e2');
    expect(search.searchParams.get('patient')).toBe('p1');
  });

  it('reads vitals as every other view does: mmHg, the same decimals, NEWS2 flags, short names and notes', async () => {
    fhir.observations.push(
      { ...bpPanel(145, 88, { patient: 'p1', date: daysAgo(2), encounter: 'e2' }), note: [{ text: 'Repeat after rest' }] },
      vital('39156-5', 'Body mass index (BMI) [Ratio]', 20, 'kg/m2', { patient: 'p1', date: daysAgo(2), encounter: 'e2' }),
      vital('9279-1', 'Respiratory rate', 26, '/min', { patient: 'p1', date: daysAgo(2), encounter: 'e2' }),
    );
    renderChart('/chart/encounters', { context: { patient: 'p1', encounter: 'e2' } });
    const table = await screen.findByRole('table', { name: /Observations of Emergency department visit/ });
    const row = (name: string) => within(table).getByRole('cell', { name }).closest('tr')!;
    expect(within(row('Blood pressure')).getByText('145/88 mmHg')).toBeInTheDocument();
    expect(within(row('Blood pressure')).getByText('Note: Repeat after rest')).toBeInTheDocument();
    expect(table.textContent).not.toContain('mm[Hg]');
    expect(within(row('BMI')).getByText('20.0 kg/m²')).toBeInTheDocument();
    expect(within(row('Respiratory rate')).getByText('Critical high')).toBeInTheDocument();
    expect(within(row('Heart rate')).getByText('High')).toBeInTheDocument(); // 110/min: NEWS2 1
  });

  it('shows another encounter’s observations when it is chosen', async () => {
    renderChart('/chart/encounters', { context: { patient: 'p1', encounter: 'e2' } });
    await userEvent.click(await screen.findByRole('button', { name: /Office visit/ }));
    const table = await screen.findByRole('table', { name: /Observations of Office visit/ });
    expect(within(table).getByText('64 /min')).toBeInTheDocument();
    expect(within(table).queryByText('110 /min')).not.toBeInTheDocument();
  });

  it('reads the launch encounter when it is not on the first page of the list', async () => {
    fhir.encounters.push(encounter('e-old', 'p1', daysAgo(4000), { type: 'Old admission', cls: 'IMP' }));
    for (let i = 0; i < 25; i++) fhir.encounters.push(encounter(`e-r${i}`, 'p1', daysAgo(i + 3)));
    renderChart('/chart/encounters', { context: { patient: 'p1', encounter: 'e-old' } });
    expect(await screen.findByRole('heading', { name: /Old admission/ })).toBeInTheDocument();
    expect(fhir.requests.some((u) => u.pathname.endsWith('/Encounter/e-old'))).toBe(true);
  });

  it('says when the sign-in has no access to encounters', async () => {
    renderChart('/chart/encounters', { context: { patient: 'p1', scope: 'patient/Patient.rs patient/Observation.rs' } });
    expect(await screen.findByText(/Encounters are not available: this sign-in was not granted access/)).toBeInTheDocument();
    expect(fhir.searches('Encounter')).toHaveLength(0);
  });
});
