import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { daysAgo, encounter, patient, vital } from '../../support/views/fhirFixtures';
import { renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

const server = mockServer();
let fhir: FakeFhir;

beforeEach(() => {
  fhir = createFakeFhir();
  server.use(...fhir.handlers);
  fhir.patients.push(patient('p1'));
  fhir.encounters.push(encounter('e1', 'p1', daysAgo(5), { type: 'Office visit' }));
  fhir.observations.push(vital('8867-4', 'Heart rate', 72, '/min', { patient: 'p1', date: daysAgo(5) }));
});

describe('Sections the user may not see', () => {
  it('says a scope was not granted, and asks the server nothing for it', async () => {
    renderChart('/chart', { context: { patient: 'p1', scope: 'patient/Patient.rs patient/Encounter.rs' } });
    expect(await screen.findByText(/Vital signs are not available: this sign-in was not granted/)).toBeInTheDocument();
    expect(screen.getByText(/Lab results are not available: this sign-in was not granted/)).toBeInTheDocument();
    expect(await screen.findByText('Office visit')).toBeInTheDocument();
    expect(fhir.searches('Observation')).toHaveLength(0);
  });

  it('shows "not available" for a 403 in one section while the others work', async () => {
    fhir.forbidden.add('Encounter');
    renderChart('/chart', { context: { patient: 'p1' } });
    expect(await screen.findByText(/Encounters are not available: the server did not allow access/)).toBeInTheDocument();
    expect(await screen.findByText('72 /min')).toBeInTheDocument();
  });

  it('shows an inline error with a retry for other failures', async () => {
    let fail = true;
    server.use(http.get('https://fhir.example.org/r4/Encounter', () => (fail ? HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'exception', diagnostics: 'Database down' }] }, { status: 500 }) : undefined)));
    renderChart('/chart', { context: { patient: 'p1' } });
    expect(await screen.findByText('Encounters could not be loaded.')).toBeInTheDocument();
    expect(screen.getByText(/Database down/)).toBeInTheDocument();
    fail = false;
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(await screen.findByText('Office visit')).toBeInTheDocument();
  });
});

describe('EHR styling (smart_style_url)', () => {
  const STYLE_URL = 'https://ehr.example.org/smart-style.json';

  it('fetches the style without credentials and applies only valid values', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(STYLE_URL, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({
          color_background: '#edeae3',
          color_text: '#303030',
          color_error: 'red; } body { display: none',
          color_highlight: 'url(https://evil.example/x.png)',
          color_success: '#498e49',
          dim_border_radius: '6px',
          dim_font_size: '13px',
          dim_spacing_size: 'calc(100vw)',
          font_family_body: 'Georgia, Times, "Times New Roman", serif',
          font_family_heading: 'x; background: url(javascript:alert(1))',
        });
      }),
    );
    renderChart('/chart', { context: { patient: 'p1', smart_style_url: STYLE_URL } });
    const root = document.documentElement.style;
    await waitFor(() => expect(root.getPropertyValue('--color-bg')).toBe('#edeae3'));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === null)).toBe(true);
    expect(root.getPropertyValue('--color-text')).toBe('#303030');
    expect(root.getPropertyValue('--color-success')).toBe('#498e49');
    expect(root.getPropertyValue('--radius')).toBe('6px');
    expect(root.getPropertyValue('--font-size')).toBe('13px');
    expect(root.getPropertyValue('--font-family')).toBe('Georgia, Times, "Times New Roman", serif');
    for (const name of ['--color-danger', '--color-accent', '--space', '--font-family-heading']) expect(root.getPropertyValue(name)).toBe('');
  });
});
