import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fhirKeys } from '../../../src/fhir/queryKeys';
import { createFakeFhir, type FakeFhir } from '../../support/views/fakeFhirServer';
import { daysAgo, MRN_SYSTEM, patient, vital } from '../../support/views/fhirFixtures';
import { renderChart, USER_SCOPES } from '../../support/views/renderChart';
import { mockServer } from '../../support/msw';

const server = mockServer();
let fhir: FakeFhir;

beforeEach(() => {
  fhir = createFakeFhir();
  server.use(...fhir.handlers);
  fhir.patients.push(
    patient('p-a', { given: ['Maria'], family: 'Garcia', mrn: 'E0100000', birthDate: '1970-05-01' }),
    patient('p-b', { given: ['Omar'], family: 'Haddad', gender: 'male', mrn: 'E0100137', birthDate: '1990-01-01' }),
  );
  fhir.observations.push(
    vital('8867-4', 'Heart rate', 61, '/min', { patient: 'p-a', date: daysAgo(3) }),
    vital('8867-4', 'Heart rate', 93, '/min', { patient: 'p-b', date: daysAgo(3) }),
  );
});

const userSession = () => renderChart('/chart', { context: { scope: USER_SCOPES } });

describe('Patient search (no patient in the launch)', () => {
  it('finds a patient by name, shows age/sex/MRN, and opens the chart', async () => {
    userSession();
    await userEvent.type(await screen.findByLabelText('Name'), 'garcia');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const results = await screen.findByRole('list', { name: 'Patients found' });
    const [item] = within(results).getAllByRole('listitem');
    expect(item).toHaveTextContent('Maria Garcia');
    expect(item).toHaveTextContent(/Female · \d+ y · Born 1 May 1970 · MRN E0100000/);
    expect(fhir.searches('Patient').at(-1)!.searchParams.get('name')).toBe('garcia');

    await userEvent.click(within(item!).getByRole('button', { name: 'Open chart of Maria Garcia' }));
    expect(await screen.findByRole('heading', { name: 'Maria Garcia', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('61 /min')).toBeInTheDocument();
    expect(window.location.href).not.toContain('p-a');
  });

  it('finds a patient by MRN with an identifier search', async () => {
    userSession();
    await userEvent.type(await screen.findByLabelText('MRN'), `${MRN_SYSTEM}|E0100137`);
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    const results = await screen.findByRole('list', { name: 'Patients found' });
    expect(within(results).getAllByRole('listitem')).toHaveLength(1);
    expect(results).toHaveTextContent('Omar Haddad');
    expect(fhir.searches('Patient').at(-1)!.searchParams.get('identifier')).toBe(`${MRN_SYSTEM}|E0100137`);
  });

  it('switching patient drops the previous patient’s cached data but keeps the search', async () => {
    const { queryClient } = userSession();
    await userEvent.type(await screen.findByLabelText('Name'), 'a');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open chart of Maria Garcia' }));
    await screen.findByText('61 /min');
    const mentions = (id: string) => queryClient.getQueryCache().findAll({ queryKey: fhirKeys.all }).filter((q) => JSON.stringify(q.queryKey).includes(id));
    expect(mentions('p-a').length).toBeGreaterThan(0);

    await userEvent.click(screen.getByRole('button', { name: 'Change patient' }));
    await waitFor(() => expect(mentions('p-a')).toHaveLength(0));
    expect(screen.queryByText('Maria Garcia', { selector: 'h1' })).not.toBeInTheDocument();
    // The previous results are still there (cached search), without a new request.
    const searchesBefore = fhir.searches('Patient').length;
    await userEvent.type(screen.getByLabelText('Name'), 'a');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Open chart of Omar Haddad' }));
    expect(fhir.searches('Patient')).toHaveLength(searchesBefore);
    expect(await screen.findByText('93 /min')).toBeInTheDocument();
    expect(screen.queryByText('61 /min')).not.toBeInTheDocument();
  });

  it('asks for a search term instead of searching for everyone', async () => {
    userSession();
    await userEvent.click(await screen.findByRole('button', { name: 'Search' }));
    expect(screen.getByText('Enter a name or an MRN.')).toBeInTheDocument();
    expect(fhir.searches('Patient')).toHaveLength(0);
  });
});
