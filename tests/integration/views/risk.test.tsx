// The Risk view and the Summary's risk card against a fake FHIR server: inputs with their provenance, missing
// inputs as questions, stale values, mmol/L, what-if, and scopes that were not granted.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Bundle, Condition, MedicationRequest, Observation, Patient } from 'fhir/r4';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { framinghamGeneralCvd10y } from '../../../src/features/risk/framingham';
import { formatRisk } from '../../../src/features/risk/riskModel';
import { createFakeFhir, FHIR_BASE, type FakeFhir } from '../../support/views/fakeFhirServer';
import { bpPanel, daysAgo, lab, patient, vital } from '../../support/views/fhirFixtures';
import { PATIENT_SCOPES, renderChart } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

const server = mockServer();
let fhir: FakeFhir;
let conditions: Condition[];
let medications: MedicationRequest[];
let forbidden: Set<string>;

const WITH_CLINICAL = `${PATIENT_SCOPES} patient/Condition.rs patient/MedicationRequest.rs`;
const P = 'p1';

function searchset<T extends Condition | MedicationRequest>(items: T[]): Bundle<T> {
  return { resourceType: 'Bundle', type: 'searchset', total: items.length, entry: items.map((resource) => ({ resource, search: { mode: 'match' } })) };
}

beforeEach(() => {
  fhir = createFakeFhir();
  conditions = [];
  medications = [];
  forbidden = new Set();
  const handler = <T extends Condition | MedicationRequest>(type: string, list: () => T[]) =>
    http.get(`${FHIR_BASE}/${type}`, ({ request }) => {
      const url = new URL(request.url);
      fhir.requests.push(url);
      if (forbidden.has(type)) return HttpResponse.json({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'forbidden' }] }, { status: 403 });
      return HttpResponse.json(searchset(list().filter((r) => r.subject.reference === `Patient/${url.searchParams.get('patient')}`)));
    });
  server.use(...fhir.handlers, handler('Condition', () => conditions), handler('MedicationRequest', () => medications));
});

/** A birth date `years` (and a few days) ago: the patient is exactly `years` old today. */
function bornYearsAgo(years: number): string {
  const d = new Date();
  d.setFullYear(d.getFullYear() - years);
  d.setDate(d.getDate() - 10);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const raceExtension = (code: string): Patient['extension'] => [
  { url: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race', extension: [{ url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code } }] },
];

const smoking = (code: string, display: string, date: string): Observation => ({
  resourceType: 'Observation',
  id: `smoking-${code}-${date}`,
  status: 'final',
  category: [{ coding: [{ code: 'social-history' }] }],
  code: { coding: [{ system: 'http://loinc.org', code: '72166-2' }], text: 'Tobacco smoking status' },
  subject: { reference: `Patient/${P}` },
  effectiveDateTime: date,
  valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code, display }], text: display },
});

const condition = (code: string, text: string): Condition => ({
  resourceType: 'Condition',
  id: `c-${code}`,
  clinicalStatus: { coding: [{ code: 'active' }] },
  code: { coding: [{ system: 'http://snomed.info/sct', code }], text },
  subject: { reference: `Patient/${P}` },
  onsetDateTime: '2019-04-02',
});

const medication = (text: string): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id: `m-${text.split(' ')[0]}`,
  status: 'active',
  intent: 'order',
  medicationCodeableConcept: { text },
  subject: { reference: `Patient/${P}` },
  authoredOn: '2026-01-15',
});

/** Goff 2013's worked example as an African-American man in the chart: 55, TC 213, HDL 50, SBP 120 untreated. */
function seedExample({ smoker = false } = {}) {
  fhir.patients.push({ ...patient(P, { gender: 'male', birthDate: bornYearsAgo(55) }), extension: raceExtension('2054-5') });
  fhir.observations.push(
    lab('2093-3', 'Cholesterol', 213, 'mg/dL', { patient: P, date: daysAgo(20) }),
    lab('2093-3', 'Cholesterol', 260, 'mg/dL', { patient: P, date: daysAgo(500) }),
    lab('2085-9', 'HDL', 50, 'mg/dL', { patient: P, date: daysAgo(20) }),
    bpPanel(120, 78, { patient: P, date: daysAgo(10) }),
    vital('8480-6', 'Systolic blood pressure', 150, 'mm[Hg]', { patient: P, date: daysAgo(200) }),
    smoker ? smoking('449868002', 'Smokes tobacco daily', daysAgo(10)) : smoking('266919005', 'Never smoked tobacco', daysAgo(10)),
  );
  conditions.push(condition('38341003', 'Hypertension'));
  medications.push(medication('atorvastatin 20 MG Oral Tablet'));
}

const inputRow = (label: string) => within(screen.getByRole('list', { name: 'Risk inputs' })).getByText(label, { selector: '.risk-input__label' }).closest('li')!;
const scoreCard = (title: string) => screen.getByRole('article', { name: title });

async function openRisk(scope = WITH_CLINICAL) {
  renderChart('/chart/risk', { context: { patient: P, scope } });
  await screen.findByRole('heading', { name: 'Framingham general CVD', level: 3 }, { timeout: 5000 });
}

describe('Risk view', () => {
  it('shows each input with value, unit, date and source, the latest one, and both scores', async () => {
    seedExample();
    await openRisk();
    const total = inputRow('Total cholesterol');
    expect(within(total).getByText('213 mg/dL')).toBeInTheDocument();
    expect(within(total).getByText(/^\d{1,2} [A-Z][a-z]{2,3} \d{4} · Lab result \(LOINC 2093-3\)$/)).toBeInTheDocument(); // the newer of two
    expect(within(inputRow('Systolic blood pressure')).getByText('120 mmHg')).toBeInTheDocument();
    expect(within(inputRow('Systolic blood pressure')).getByText(/blood pressure panel \(LOINC 85354-9\)/)).toBeInTheDocument();
    expect(within(inputRow('Age')).getByText('55 years')).toBeInTheDocument();
    expect(within(inputRow('Race')).getByText('Black or African American')).toBeInTheDocument();
    expect(within(inputRow('Race')).getByText(/derived in cohorts of Black and White adults/)).toBeInTheDocument();
    expect(within(inputRow('Smoking')).getByText('Never smoked')).toBeInTheDocument();
    expect(within(inputRow('Diabetes')).getByText('No active diabetes among 1 condition on record', { exact: false })).toBeInTheDocument();
    expect(within(inputRow('Treated for high blood pressure')).getByText(/No blood-pressure medication among 1 active/)).toBeInTheDocument();
    expect(screen.queryByText('Stale')).not.toBeInTheDocument();

    // Goff 2013, Table A: 6.1 % for this African-American man.
    expect(within(scoreCard('Pooled Cohort Equations (ASCVD)')).getByText('6.1%')).toBeInTheDocument();
    const framingham = framinghamGeneralCvd10y({ ageYears: 55, sex: 'male', totalCholesterolMgDl: 213, hdlMgDl: 50, systolicMmHg: 120, onHypertensionTreatment: false, smoker: false, diabetic: false });
    expect(within(scoreCard('Framingham general CVD')).getByText(formatRisk((framingham as { tenYearRisk: number }).tenYearRisk))).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Cardiovascular risk · SMART Chart'));
  });

  it('searches observations only by code, with small pages', async () => {
    seedExample();
    await openRisk();
    const searches = fhir.searches('Observation');
    expect([...new Set(searches.map((u) => u.searchParams.get('code')))].sort()).toEqual(['2085-9,14646-4', '2093-3,14647-2', '72166-2', '85354-9,8480-6']);
    for (const url of searches) expect(Number(url.searchParams.get('_count'))).toBeLessThanOrEqual(50);
  });

  it('asks for what the chart does not have, names it in the scores, and computes once it is answered', async () => {
    fhir.patients.push(patient(P, { gender: 'female', birthDate: bornYearsAgo(62) }));
    fhir.observations.push(lab('2093-3', 'Cholesterol', 205, 'mg/dL', { patient: P, date: daysAgo(30) }));
    await openRisk();
    expect(within(scoreCard('Framingham general CVD')).getByText(/Missing: HDL cholesterol, systolic blood pressure, smoking, diabetes and treated for high blood pressure\./)).toBeInTheDocument();
    expect(within(scoreCard('Pooled Cohort Equations (ASCVD)')).getByText(/Missing: Race, HDL cholesterol/)).toBeInTheDocument();
    expect(screen.queryByText(/\d+\.\d%/)).not.toBeInTheDocument(); // no number anywhere while inputs are missing

    const user = userEvent.setup();
    const hdl = screen.getByRole('textbox', { name: 'HDL cholesterol (mg/dL)' });
    expect(hdl).toHaveAccessibleDescription(/No HDL cholesterol result on record\. Your answer is used here only and is not saved\./);
    await user.click(hdl);
    await user.paste('abc');
    expect(screen.getByText('Enter a number.')).toBeInTheDocument();
    await user.clear(hdl);
    await user.paste('55');
    await user.click(screen.getByRole('textbox', { name: 'Systolic blood pressure (mmHg)' }));
    await user.paste('130');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Smoking' }), 'Not a current smoker');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Diabetes' }), 'No');
    expect(within(scoreCard('Framingham general CVD')).getByText(/Missing: Treated for high blood pressure\./)).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Treated for high blood pressure' }), 'Yes');
    const framingham = scoreCard('Framingham general CVD');
    expect(within(framingham).getByText(/^\d+\.\d%$/)).toBeInTheDocument();
    expect(within(framingham).getByText('Uses your answers for: HDL cholesterol, systolic blood pressure, smoking, diabetes and treated for high blood pressure.')).toBeInTheDocument();
    // Race is still missing for the Pooled Cohort Equations.
    expect(within(scoreCard('Pooled Cohort Equations (ASCVD)')).getByText(/Missing: Race\./)).toBeInTheDocument();
  }, 15_000); // many interactions: room for a busy machine

  it('marks values older than 12 months as stale, and the score says it uses them', async () => {
    fhir.patients.push({ ...patient(P, { gender: 'male', birthDate: bornYearsAgo(51) }), extension: raceExtension('2106-3') });
    fhir.observations.push(
      lab('2093-3', 'Cholesterol', 214, 'mg/dL', { patient: P, date: daysAgo(1100) }),
      lab('2085-9', 'HDL', 45, 'mg/dL', { patient: P, date: daysAgo(1100) }),
      vital('8480-6', 'Systolic blood pressure', 138, 'mm[Hg]', { patient: P, date: daysAgo(100) }),
      smoking('8517006', 'Ex-smoker', daysAgo(800)),
    );
    conditions.push(condition('38341003', 'Hypertension'));
    medications.push(medication('lisinopril 10 MG Oral Tablet'));
    await openRisk();
    for (const label of ['Total cholesterol', 'HDL cholesterol', 'Smoking']) {
      expect(within(inputRow(label)).getByText('Stale')).toBeInTheDocument();
      expect(within(inputRow(label)).getByText('Older than 12 months: check that it still holds.')).toBeInTheDocument();
    }
    expect(within(inputRow('Systolic blood pressure')).queryByText('Stale')).not.toBeInTheDocument();
    expect(within(inputRow('Treated for high blood pressure')).getByText('Yes')).toBeInTheDocument();
    expect(within(inputRow('Treated for high blood pressure')).getByText(/Medication request \(active\): lisinopril 10 MG Oral Tablet/)).toBeInTheDocument();
    expect(within(scoreCard('Pooled Cohort Equations (ASCVD)')).getByText(/^Uses values older than 12 months: Total cholesterol \(.+\), HDL cholesterol \(.+\), Smoking \(.+\)\.$/)).toBeInTheDocument();
  });

  it('converts cholesterol recorded in mmol/L and shows what was recorded', async () => {
    fhir.patients.push(patient(P, { gender: 'female', birthDate: bornYearsAgo(66) }));
    fhir.observations.push(
      lab('2093-3', 'Cholesterol', 5.5, 'mmol/L', { patient: P, date: daysAgo(30) }),
      lab('2085-9', 'HDL', 1.3, 'mmol/L', { patient: P, date: daysAgo(30) }),
    );
    await openRisk();
    expect(within(inputRow('Total cholesterol')).getByText('213 mg/dL')).toBeInTheDocument();
    expect(within(inputRow('Total cholesterol')).getByText(/Recorded as 5\.5 mmol\/L/)).toBeInTheDocument();
    expect(within(inputRow('HDL cholesterol')).getByText('50 mg/dL')).toBeInTheDocument();
  });

  it('says why a score does not apply outside its population', async () => {
    fhir.patients.push({ ...patient(P, { gender: 'female', birthDate: bornYearsAgo(36) }), extension: raceExtension('2106-3') });
    fhir.observations.push(
      lab('2093-3', 'Cholesterol', 334, 'mg/dL', { patient: P, date: daysAgo(30) }),
      lab('2085-9', 'HDL', 58, 'mg/dL', { patient: P, date: daysAgo(30) }),
      bpPanel(118, 76, { patient: P, date: daysAgo(30) }),
      smoking('266919005', 'Never smoked tobacco', daysAgo(30)),
    );
    conditions.push(condition('398036000', 'Familial hypercholesterolaemia'));
    medications.push(medication('atorvastatin 20 MG Oral Tablet'));
    await openRisk();
    const pce = scoreCard('Pooled Cohort Equations (ASCVD)');
    expect(within(pce).getByText('Not applicable.')).toBeInTheDocument();
    expect(within(pce).getByText(/Age 36 years is outside 40–79 years; Total cholesterol 334 mg\/dL is outside 130–320 mg\/dL/)).toBeInTheDocument();
    expect(within(scoreCard('Framingham general CVD')).getByText(/^\d+\.\d%$/)).toBeInTheDocument();
  });

  it('what-if: the hypothetical risk beside the chart’s, clearly marked, reset, and nothing written anywhere', async () => {
    seedExample({ smoker: true });
    await openRisk();
    const user = userEvent.setup();
    const whatIf = screen.getByRole('region', { name: 'What if…' });
    expect(within(whatIf).getByText('Hypothetical', { selector: '.risk-badge' })).toBeInTheDocument();
    const table = within(whatIf).getByRole('table', { name: '10-year risk from the chart and hypothetical' });
    const row = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}`) });
    const cells = (name: string) => within(row(name)).getAllByRole('cell').map((c) => c.textContent);
    const [chartPce, unchanged] = cells('Pooled Cohort');
    expect(unchanged).toBe(`${chartPce} (no change)`);

    const requestsBefore = fhir.requests.length;
    await user.click(within(whatIf).getByRole('button', { name: 'Stop smoking' }));
    const [chartAfter, hypothetical] = cells('Pooled Cohort');
    expect(chartAfter).toBe(chartPce); // the chart-derived risk does not move
    expect(Number.parseFloat(hypothetical!)).toBeLessThan(Number.parseFloat(chartPce!));
    expect(hypothetical).toMatch(/\(−\d+\.\d points\)$/);
    expect(within(whatIf).getByRole('combobox', { name: 'Hypothetical Smoking' })).toHaveValue('false');
    expect(within(whatIf).getByText('Changed from Current smoker')).toBeInTheDocument();
    expect(within(inputRow('Smoking')).getByText('Current smoker', { selector: 'strong' })).toBeInTheDocument(); // the chart's value stays

    const sbp = within(whatIf).getByRole('textbox', { name: 'Hypothetical Systolic blood pressure (mmHg)' });
    await user.clear(sbp);
    await user.type(sbp, '350');
    expect(within(whatIf).getByText('Enter a value between 50 and 300 mmHg.')).toBeInTheDocument();
    await user.clear(sbp);
    await user.type(sbp, '190');
    expect(cells('Framingham')[1]).toMatch(/\(\+\d+\.\d points\)|\(−\d+\.\d points\)/);
    await user.clear(sbp);
    await user.type(sbp, '201');
    expect(within(row('Pooled Cohort')).getByText(/Systolic blood pressure 201 mmHg is outside 90–200 mmHg/)).toBeInTheDocument();

    await user.click(within(whatIf).getByRole('button', { name: 'Reset to the chart' }));
    expect(cells('Pooled Cohort')).toEqual([chartPce, `${chartPce} (no change)`]);
    expect(sbp).toHaveValue('120');
    // Nothing was sent or stored: no request since (all were GETs), nothing in web storage, nothing in the URL.
    expect(fhir.requests.length).toBe(requestsBefore);
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(window.location.search).toBe('');
  }, 15_000);

  it('without the Condition and MedicationRequest scopes: asks, and requests neither', async () => {
    seedExample();
    await openRisk(PATIENT_SCOPES);
    expect(within(inputRow('Total cholesterol')).getByText('213 mg/dL')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Diabetes' })).toHaveAccessibleDescription(/Conditions are not available: this sign-in was not granted access to them\./);
    expect(screen.getByRole('combobox', { name: 'Treated for high blood pressure' })).toHaveAccessibleDescription(/Medication requests are not available: this sign-in was not granted/);
    expect(within(scoreCard('Pooled Cohort Equations (ASCVD)')).getByText(/Missing: Diabetes and treated for high blood pressure\./)).toBeInTheDocument();
    expect(fhir.searches('Condition')).toHaveLength(0);
    expect(fhir.searches('MedicationRequest')).toHaveLength(0);
  });

  it('a 403 for conditions makes diabetes a question; the rest works', async () => {
    seedExample();
    forbidden.add('Condition');
    await openRisk();
    expect(await screen.findByRole('combobox', { name: 'Diabetes' })).toHaveAccessibleDescription(/Conditions are not available: the server did not allow access to them\./);
    expect(within(inputRow('Treated for high blood pressure')).getByText('No')).toBeInTheDocument();
  });
});

describe('Summary risk card', () => {
  it('shows both scores from the chart and links to the Risk view', async () => {
    seedExample();
    renderChart('/chart', { context: { patient: P, scope: WITH_CLINICAL } });
    const card = await screen.findByRole('region', { name: 'Cardiovascular risk' });
    const list = await within(card).findByRole('list', { name: '10-year cardiovascular risk' }, { timeout: 5000 });
    expect(within(list).getByText('6.1%')).toBeInTheDocument();
    await userEvent.click(within(card).getByRole('link', { name: 'Risk inputs and what-if' }));
    expect(await screen.findByRole('heading', { name: 'Inputs', level: 2 }, { timeout: 5000 })).toBeInTheDocument();
  });

  it('names what is missing instead of a number', async () => {
    seedExample();
    renderChart('/chart', { context: { patient: P } });
    const card = await screen.findByRole('region', { name: 'Cardiovascular risk' });
    const list = await within(card).findByRole('list', { name: '10-year cardiovascular risk' }, { timeout: 5000 });
    expect(within(list).getAllByText('not calculated')).toHaveLength(2);
    expect(within(list).getAllByText('Missing: diabetes and treated for high blood pressure')).toHaveLength(2);
  });
});
