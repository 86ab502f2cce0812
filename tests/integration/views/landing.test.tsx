// The callback sends the landing view's FHIR requests the moment the token arrives (src/fhir/landing.ts). The
// Summary's hooks must then find those answers instead of asking again: each first-screen request goes to the
// server exactly once, and nothing else does before the first screen is drawn.
import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { daysAgo, encounter, lab, patient, vital } from '../../support/views/fhirFixtures';
import { renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

const server = mockServer();
let fhir: FakeFhir;
const P = 'p1';

beforeEach(() => {
  fhir = createFakeFhir();
  server.use(...fhir.handlers);
  fhir.patients.push(patient(P, { given: ['Ada'], family: 'Lovelace', birthDate: '1980-12-10', mrn: 'MRN-1001' }));
  fhir.observations.push(
    vital('8867-4', 'Heart rate', 72, '/min', { patient: P, date: daysAgo(2) }),
    lab('2823-3', 'Potassium', 4.1, 'mmol/L', { patient: P, date: daysAgo(3), low: 3.5, high: 5.1 }),
  );
  fhir.encounters.push(encounter('e1', P, daysAgo(3), { type: 'Annual check-up' }));
});

describe('the landing view’s requests, sent ahead', () => {
  it('answer the Summary’s own queries: each is sent once, before any of the Summary’s code asks', async () => {
    renderChart('/chart', { context: { patient: P, need_patient_banner: true }, landing: true });
    await waitFor(() => expect(fhir.requests.length).toBeGreaterThanOrEqual(4));
    const sentAhead = fhir.requests.slice(0, 4).map(String);
    const kinds = sentAhead.map((u) => new URL(u)).map((u) => `${u.pathname.split('/').at(-1)}${u.searchParams.get('category') ? ` ${u.searchParams.get('category')}` : ''}`);
    expect(kinds.sort()).toEqual(['Encounter', 'Observation laboratory', 'Observation vital-signs', P]);
    await screen.findByRole('heading', { name: 'Ada Lovelace', level: 1 });
    await screen.findByText('72 /min');
    await screen.findByText('Potassium');
    await screen.findByText('Annual check-up');
    // None of the four was asked again by the Summary: its hooks built the very same requests.
    for (const url of sentAhead) expect(fhir.requests.map(String).filter((u) => u === url), url).toHaveLength(1);
    const all = fhir.requests.map((u) => `${u.pathname.split('/').at(-1)}${u.searchParams.get('category') ? ` ${u.searchParams.get('category')}` : ''}`);
    for (const kind of ['Encounter', 'Observation laboratory', 'Observation vital-signs', P]) expect(all.filter((k) => k === kind), kind).toHaveLength(1);
  });
});
