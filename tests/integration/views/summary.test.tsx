import { screen, waitFor, within } from '@testing-library/react';
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
});

const P = 'p1';

function seed() {
  fhir.patients.push(patient(P, { given: ['Ada'], family: 'Lovelace', birthDate: '1980-12-10', mrn: 'MRN-1001' }));
  fhir.observations.push(
    bpPanel(118, 76, { patient: P, date: daysAgo(30) }),
    // The latest BP comes as two stand-alone observations.
    vital('8480-6', 'Systolic blood pressure', 132, 'mm[Hg]', { patient: P, date: daysAgo(2) }),
    vital('8462-4', 'Diastolic blood pressure', 76, 'mm[Hg]', { patient: P, date: daysAgo(2) }),
    vital('8867-4', 'Heart rate', 80, '/min', { patient: P, date: daysAgo(30) }),
    vital('8867-4', 'Heart rate', 72, '/min', { patient: P, date: daysAgo(2) }),
    vital('29463-7', 'Body weight', 154.3, '[lb_av]', { patient: P, date: daysAgo(2) }),
    vital('29463-7', 'Body weight', 70, 'kg', { patient: P, date: daysAgo(30) }),
    lab('2823-3', 'Potassium', 6.7, 'mmol/L', { patient: P, date: daysAgo(3), low: 3.5, high: 5.1, interpretation: 'HH' }),
    lab('2345-7', 'Glucose', 130, 'mg/dL', { patient: P, date: daysAgo(3), low: 70, high: 99 }),
  );
  fhir.encounters.push(
    encounter('e1', P, daysAgo(400), { type: 'Annual check-up' }),
    encounter('e2', P, daysAgo(3), { type: 'Emergency visit', cls: 'EMER', location: 'General Hospital' }),
  );
}

const card = (label: string) => screen.getByRole('heading', { name: label, level: 3 }).closest('li')!;

describe('Summary', () => {
  it('shows the latest vitals with date and trend, BP from panels and stand-alone observations', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    expect(await screen.findByText('132/76 mmHg')).toBeInTheDocument();
    const bp = card('Blood pressure');
    expect(within(bp).getByText(/from 118\/76 mmHg/)).toBeInTheDocument();
    expect(within(bp).getByText('Systolic up, diastolic unchanged,')).toBeInTheDocument();

    const hr = card('Heart rate');
    expect(within(hr).getByText('72 /min')).toBeInTheDocument();
    expect(within(hr).getByText('Down,')).toBeInTheDocument();

    // 154.3 lb = 69.99 kg: shown in kg, the same as 70 kg at the display precision.
    const weight = card('Weight');
    expect(within(weight).getByText('70.0 kg')).toBeInTheDocument();
    expect(within(weight).getByText('Recorded as 154.3 lb')).toBeInTheDocument();
    expect(within(weight).getByText('Unchanged,')).toBeInTheDocument();

    // Nothing is made up for vitals without data.
    expect(within(card('Temperature')).getByText('No reading')).toBeInTheDocument();
    expect(within(card('BMI')).getByText('No reading')).toBeInTheDocument();
  });

  it('searches each vital by code with a small page, never the whole history', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    await screen.findByText('72 /min');
    const observationSearches = fhir.searches('Observation');
    for (const url of observationSearches) {
      expect(Number(url.searchParams.get('_count'))).toBeLessThanOrEqual(50);
      expect(url.searchParams.get('patient')).toBe(P);
    }
    expect(observationSearches.some((u) => u.searchParams.get('code') === '85354-9,8480-6,8462-4')).toBe(true);
  });

  it('flags abnormal labs: critical from interpretation, high from the reference range', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    const labs = await screen.findByRole('list', { name: 'Latest lab results' });
    const potassium = within(labs).getByText('Potassium').closest('li')!;
    expect(within(potassium).getByText('Critical high')).toBeInTheDocument();
    const glucose = within(labs).getByText('Glucose').closest('li')!;
    expect(within(glucose).getByText('High (by reference range)')).toBeInTheDocument();
  });

  it('lists recent encounters newest first', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    const list = await screen.findByRole('list', { name: 'Encounters' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Emergency visit'),
      expect.stringContaining('Annual check-up'),
    ]);
  });
});

describe('Patient banner', () => {
  it('shows name, sex and age, birth date and MRN', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 })).toBeInTheDocument();
    const banner = screen.getByRole('banner', { name: 'Patient' });
    expect(within(banner).getByText(/^Female, \d+ y$/)).toBeInTheDocument();
    expect(within(banner).getByText('10 Dec 1980')).toBeInTheDocument();
    expect(within(banner).getByText('MRN-1001')).toBeInTheDocument();
  });

  it('flags a deceased patient', async () => {
    fhir.patients.push(patient(P, { deceased: '2025-03-14T06:40:00Z', birthDate: '1950-01-01' }));
    renderChart('/chart', { context: { patient: P } });
    const banner = await screen.findByRole('banner', { name: 'Patient' });
    expect(await within(banner).findByText('Deceased')).toBeInTheDocument();
    expect(within(banner).getByText(/75 y at death/)).toBeInTheDocument();
  });

  it('is left out when the EHR says need_patient_banner=false', async () => {
    seed();
    renderChart('/chart', { context: { patient: P, need_patient_banner: false } });
    await screen.findByText('72 /min');
    expect(screen.queryByRole('banner', { name: 'Patient' })).not.toBeInTheDocument();
    // The patient is still read, for the cardiovascular risk card's age and sex: only the banner is left out.
    await waitFor(() => expect(fhir.requests.some((u) => u.pathname.endsWith(`/Patient/${P}`))).toBe(true));
    expect(screen.queryByRole('banner', { name: 'Patient' })).not.toBeInTheDocument();
  });

  it('renders markup in FHIR text as text, and keeps the name out of the title and URL', async () => {
    const evil = '<img src=x onerror=alert(1)> Bobby <script>alert("xss")</script>Tables';
    fhir.patients.push(patient(P, { text: evil }));
    const { container } = renderChart('/chart', { context: { patient: P } });
    expect(await screen.findByRole('heading', { name: evil })).toBeInTheDocument();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('main script')).toBeNull();
    await waitFor(() => expect(document.title).toBe('Summary · SMART Chart'));
    expect(document.title).not.toContain('Bobby');
    expect(window.location.href).not.toContain(P);
  });
});
