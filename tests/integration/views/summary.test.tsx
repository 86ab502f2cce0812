import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { bpPanel, daysAgo, encounter, lab, patient, vital } from '../../support/views/fhirFixtures';
import { renderChart } from '../../support/views/renderChart';
import type { Observation } from 'fhir/r4';
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

/** What a screen reader reads in an element: its text without aria-hidden parts, spaces collapsed. */
function spoken(element: Element): string {
  const walk = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
    const text = [...node.childNodes].map(walk).join('');
    // Blocks are read apart (a heading, then the value, then the date).
    return node instanceof Element && /^(P|H\d|LI|DIV|UL)$/.test(node.tagName) ? ` ${text} ` : text;
  };
  return walk(element).replace(/\s+/g, ' ').trim();
}

/** The exact date as the app writes it: `5 Mar 2024`, `28 Sept 2025, 09:00`. */
const EXACT = /\d{1,2} [A-Z][a-z]{2,3} \d{4}(, \d{2}:\d{2})?/;

describe('Summary', () => {
  it('shows the latest vitals with date and trend, BP from panels and stand-alone observations', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    expect(await screen.findByText('132/76 mmHg')).toBeInTheDocument();
    const bp = card('Blood pressure');
    // ONE trend mark for BP (the systolic's), its meaning in words.
    expect(bp.querySelectorAll('.trend__mark')).toHaveLength(1);
    expect(within(bp).getByText('↑')).toBeInTheDocument();
    expect(spoken(bp.querySelector('.vital-card__trend')!)).toMatch(/^Systolic up from 118\/76 \(\d{1,2} [A-Z][a-z]{2,3}( \d{4})?\)$/);

    const hr = card('Heart rate');
    expect(within(hr).getByText('72 /min')).toBeInTheDocument();
    expect(spoken(hr.querySelector('.vital-card__trend')!)).toMatch(/^Down from 80 \(/);
    expect(spoken(hr.querySelector('.vital-card__date')!)).toMatch(new RegExp(`^2 days ago · ${EXACT.source}$`));

    // 154.3 lb = 69.99 kg: shown in kg, the same as 70 kg at the display precision.
    const weight = card('Weight');
    expect(within(weight).getByText('70.0 kg')).toBeInTheDocument();
    expect(within(weight).getByText('Recorded as 154.3 lb')).toBeInTheDocument();
    expect(spoken(weight.querySelector('.vital-card__trend')!)).toMatch(/^unchanged since /);

    // Nothing is made up for vitals without data.
    expect(within(card('Temperature')).getByText('No reading')).toBeInTheDocument();
    expect(within(card('BMI')).getByText('No reading')).toBeInTheDocument();
  });

  it('reads every vital from ONE category search, with a small code search only for the vitals missing from it', async () => {
    seed();
    renderChart('/chart', { context: { patient: P } });
    await screen.findByText('72 /min');
    const searches = [...new Set(fhir.searches('Observation').map(String))].map((u) => new URL(u));
    const vitalPage = searches.filter((u) => u.searchParams.get('category') === 'vital-signs');
    expect(vitalPage).toHaveLength(1);
    expect(Object.fromEntries(vitalPage[0]!.searchParams)).toMatchObject({ patient: P, _sort: '-date', _count: '100' });
    // The seed has BP, heart rate and weight: respiratory rate, temperature, SpO2, height and BMI are looked up.
    // (The risk card's own code searches, which start once the Summary has its answers, are other searches.)
    const followUps = searches.filter((u) => u.searchParams.get('code') && u.searchParams.get('_count') === '4');
    expect(followUps.map((u) => u.searchParams.get('code')).sort()).toEqual(['39156-5', '59408-5,2708-6', '8302-2', '8310-5', '9279-1']);
    for (const url of followUps) expect(Object.fromEntries(url.searchParams)).toMatchObject({ patient: P, _count: '4', _sort: '-date' });
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

// ---- Clinical cues on the cards: normal, high, low, critical, stale; the first screen's requests -------------

/** A patient with every vital measured recently, so the Summary needs no follow-up search. */
function seedCues() {
  fhir.patients.push(patient(P));
  const at = (days: number) => ({ patient: P, date: daysAgo(days) });
  const noted = (o: Observation, text: string): Observation => ({ ...o, note: [{ text }] });
  fhir.observations.push(
    bpPanel(128, 82, at(9)),
    bpPanel(124, 80, at(2)),
    vital('8867-4', 'Heart rate', 76, '/min', at(9)),
    vital('8867-4', 'Heart rate', 72, '/min', at(2)), // normal
    vital('8310-5', 'Body temperature', 38.8, 'Cel', at(2)), // high (NEWS2 1)
    vital('59408-5', 'Oxygen saturation', 94, '%', at(2)), // low (NEWS2 1)
    noted(vital('9279-1', 'Respiratory rate', 26, '/min', at(2)), 'Escalated to the registrar'), // critical (NEWS2 3)
    vital('29463-7', 'Body weight', 81.2, 'kg', at(430)), // stale: 14 months
    vital('8302-2', 'Body height', 178, 'cm', at(430)),
    vital('39156-5', 'BMI', 25.6, 'kg/m2', at(430)),
    lab('2823-3', 'Potassium', 6.7, 'mmol/L', { ...at(3), low: 3.5, high: 5.1, interpretation: 'HH' }),
  );
  fhir.encounters.push(encounter('e1', P, daysAgo(2), { type: 'Emergency visit', cls: 'EMER' }));
}

describe('Summary cards: clinical cues', () => {
  it('marks normal, high, low and critical values by NEWS2, as text and as colour, and says how old each is', async () => {
    seedCues();
    renderChart('/chart', { context: { patient: P } });
    await screen.findByText('72 /min');

    const normal = card('Heart rate');
    expect(normal).toHaveClass('vital-card');
    expect(normal).not.toHaveClass('vital-card--abnormal');
    expect(normal.querySelector('.flag-badge')).toBeNull();
    expect(spoken(normal)).toMatch(new RegExp(`^Heart rate 72 /min 2 days ago · ${EXACT.source} Down from 76 \\(`));

    const high = card('Temperature');
    expect(high).toHaveClass('vital-card--abnormal');
    expect(spoken(high.querySelector('.vital-card__value')!)).toBe('38.8 °C High');
    expect(within(high).getByText('H')).toHaveAttribute('aria-hidden', 'true');

    const low = card('Oxygen saturation');
    expect(low).toHaveClass('vital-card--abnormal');
    expect(spoken(low.querySelector('.vital-card__value')!)).toBe('94 % Low');

    const critical = card('Respiratory rate');
    expect(critical).toHaveClass('vital-card--critical');
    expect(spoken(critical.querySelector('.vital-card__value')!)).toBe('26 /min Critical high');
    expect(critical.querySelector('.flag-badge--critical')).not.toBeNull();
    expect(within(critical).getByText('Escalated to the registrar')).toBeInTheDocument();

    // BP 124/80 scores 0 in NEWS2: not flagged.
    expect(card('Blood pressure').querySelector('.flag-badge')).toBeNull();
    expect(screen.getByText(/H\/L flags: NEWS2 \(Royal College of Physicians, 2017\)/)).toBeInTheDocument();
  });

  it('shows a value more than a year old as stale, with its age in words and the exact date', async () => {
    seedCues();
    renderChart('/chart', { context: { patient: P } });
    const stale = (await screen.findByText('81.2 kg')).closest('li')!;
    expect(stale).toHaveClass('vital-card--stale');
    expect(spoken(stale.querySelector('.vital-card__date')!)).toMatch(new RegExp(`^14 months ago · ${EXACT.source} Over 1 year$`));
    expect(within(stale).getByText('14 months ago').tagName).toBe('TIME');
    expect(card('Heart rate')).not.toHaveClass('vital-card--stale');
  });

  it('makes a critical lab stand out like a critical vital', async () => {
    seedCues();
    renderChart('/chart', { context: { patient: P } });
    const labs = await screen.findByRole('list', { name: 'Latest lab results' });
    const potassium = within(labs).getByText('Potassium').closest('li')!;
    expect(potassium).toHaveClass('row--critical');
    expect(spoken(potassium)).toMatch(new RegExp(`^Potassium 6.7 mmol/L Critical high 3 days ago · ${EXACT.source} · Range 3.5–5.1 mmol/L$`));
  });

  it('needs 4 FHIR requests for the first screen: Patient, one vital-signs search, one lab search, the encounters', async () => {
    seedCues();
    renderChart('/chart', { context: { patient: P } });
    await screen.findByText('72 /min');
    await screen.findByRole('list', { name: 'Latest lab results' });
    await screen.findByRole('list', { name: 'Encounters' });
    // (StrictMode may start and cancel a request once: count distinct URLs.) The risk card's own searches wait
    // until these are answered, so they come after the first four.
    const distinct = [...new Set(fhir.requests.map(String))].map((u) => new URL(u));
    expect(distinct.slice(0, 4).map((u) => `${u.pathname.split('/').slice(-1)[0]}${u.searchParams.get('category') ? ` ${u.searchParams.get('category')}` : ''}`).sort()).toEqual([
      'Encounter',
      'Observation laboratory',
      'Observation vital-signs',
      P,
    ]);
  });
});
