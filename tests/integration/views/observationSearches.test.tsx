// Epic and other servers answer an Observation search that has neither `category` nor `code` with 400. This
// test serves the app as such a server would and walks every view that reads observations: it fails if any
// search the app sends lacks both (and the views would then show an error instead of their data).
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeFhir, FHIR_BASE, type FakeFhir } from '../../support/views/fakeFhirServer';
import { bpPanel, daysAgo, encounter, lab, patient, vital } from '../../support/views/fhirFixtures';
import { instances } from '../../support/views/fakeUplot';
import { renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

vi.mock('uplot', () => import('../../support/views/fakeUplot'));

const server = mockServer();
let fhir: FakeFhir;
let refused: URL[];

afterEach(() => {
  instances.length = 0;
});
beforeEach(() => {
  fhir = createFakeFhir();
  refused = [];
  // Epic-like: no category and no code → 400 OperationOutcome. (Prepended, so it sees every search first.)
  server.use(
    http.get(`${FHIR_BASE}/Observation`, ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.get('category') || url.searchParams.get('code')) return undefined;
      refused.push(url);
      return HttpResponse.json(
        { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'required', diagnostics: 'Must have either code or category.' }] },
        { status: 400 },
      );
    }),
    ...fhir.handlers,
  );
  fhir.patients.push(patient('p1'));
  fhir.encounters.push(encounter('e1', 'p1', daysAgo(2), { type: 'Emergency visit', cls: 'EMER' }), encounter('e2', 'p1', daysAgo(90), { type: 'Office visit' }));
  fhir.observations.push(
    bpPanel(150, 95, { patient: 'p1', date: daysAgo(2), encounter: 'e1' }),
    vital('8867-4', 'Heart rate', 112, '/min', { patient: 'p1', date: daysAgo(2), encounter: 'e1' }),
    lab('2823-3', 'Potassium', 6.7, 'mmol/L', { patient: 'p1', date: daysAgo(2), encounter: 'e1', interpretation: 'HH' }),
    vital('8867-4', 'Heart rate', 70, '/min', { patient: 'p1', date: daysAgo(90), encounter: 'e2' }),
    lab('2823-3', 'Potassium', 4.4, 'mmol/L', { patient: 'p1', date: daysAgo(90), encounter: 'e2', interpretation: 'N' }),
  );
});

describe('every Observation search carries a category or a code', () => {
  it('on the Summary, Vitals, Labs and Encounters views', async () => {
    renderChart('/chart', { context: { patient: 'p1', encounter: 'e1' } });
    expect(await screen.findByText('150/95 mmHg')).toBeInTheDocument();
    await screen.findByRole('list', { name: 'Latest lab results' });

    await userEvent.click(screen.getByRole('link', { name: 'Vitals' }));
    expect(await screen.findByRole('img', { name: /^Heart rate chart, 2 readings/ })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'All' }));
    await screen.findByText(/^\d+ readings$/);

    await userEvent.click(screen.getByRole('link', { name: 'Labs' }));
    await userEvent.click(await screen.findByRole('button', { name: /^Potassium/ }));
    expect(await screen.findByRole('table', { name: 'Potassium results, newest first' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('link', { name: 'Encounters' }));
    const table = await screen.findByRole('table', { name: /Observations of Emergency visit/ });
    // Vital signs and labs of the encounter, from one search per category.
    expect(within(table).getByText('150/95 mmHg')).toBeInTheDocument();
    expect(within(table).getByText('Potassium')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Office visit/ }));
    expect(await screen.findByRole('table', { name: /Observations of Office visit/ })).toBeInTheDocument();

    const observationSearches = fhir.searches('Observation');
    expect(observationSearches.length).toBeGreaterThan(5);
    expect(refused.map(String)).toEqual([]);
    for (const url of observationSearches) expect(url.searchParams.get('category') || url.searchParams.get('code'), String(url)).toBeTruthy();
    const byEncounter = observationSearches.filter((u) => u.searchParams.get('encounter') === 'e1');
    expect(new Set(byEncounter.map((u) => u.searchParams.get('category')))).toEqual(new Set(['vital-signs', 'laboratory', 'social-history']));
  });
});
