import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeSmart, type FakeSmart } from '../support/fakeSmartServer';
import { configFor, launchAndReturn } from '../support/renderApp';
import { mockServer } from '../support/msw';

const server = mockServer();
let fake: FakeSmart;

beforeEach(async () => {
  fake = await createFakeSmart();
  server.use(...fake.handlers);
});

async function signedIn() {
  const launch = `/launch?${new URLSearchParams({ iss: fake.fhirBase, launch: 'ctx-1' })}`;
  const view = await launchAndReturn(fake, launch, configFor(fake));
  await screen.findByText('72 /min', {}, { timeout: 5000 });
  // The launch's encounter is preselected in the Encounters view, with its observations below it.
  await userEvent.click(screen.getByRole('link', { name: 'Encounters' }));
  await screen.findByRole('button', { name: 'Load more observations' }, { timeout: 5000 });
  return view;
}

const requestsTo = (fragment: string) => fake.log.fhirRequests.filter((r) => r.url.includes(fragment));

describe('a 401 in the middle of a session', () => {
  it('refreshes once and retries once', async () => {
    fake.data.observationNextLink = fake.observationPage2Url;
    await signedIn();
    fake.revokeAllAccessTokens();
    await userEvent.click(screen.getByRole('button', { name: 'Load more observations' }));
    expect(await screen.findByText('61.5 kg')).toBeInTheDocument();
    expect(fake.tokenRequestCount('refresh_token')).toBe(1);
    const page2 = requestsTo('page=2');
    expect(page2).toHaveLength(2);
    expect(page2[0]!.authorization).not.toBe(page2[1]!.authorization);
  });

  it('ends the session when the retry is refused too', async () => {
    fake.data.observationNextLink = fake.observationPage2Url;
    await signedIn();
    fake.flags.rejectAllBearer = true;
    await userEvent.click(screen.getByRole('button', { name: 'Load more observations' }));
    expect(await screen.findByRole('heading', { name: 'Session ended' })).toBeInTheDocument();
    expect(screen.queryByText('Ada Lovelace')).not.toBeInTheDocument();
    expect(fake.tokenRequestCount('refresh_token')).toBe(1);
    expect(requestsTo('page=2')).toHaveLength(2);
  });
});

describe('the bearer token stays with the FHIR server', () => {
  it('does not follow a next link on another origin at all: a clear inline error, no request', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get('https://cdn.elsewhere.example/fhir/Observation', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [] });
      }),
    );
    fake.data.observationNextLink = 'https://cdn.elsewhere.example/fhir/Observation?page=2';
    await signedIn();
    await userEvent.click(screen.getByRole('button', { name: 'Load more observations' }));
    expect(await screen.findByText(/sent a link to another server \(https:\/\/cdn\.elsewhere\.example\)/)).toBeInTheDocument();
    expect(seen).toHaveLength(0);
    expect(fake.log.fhirRequests.every((r) => r.authorization?.startsWith('Bearer at-'))).toBe(true);
  });

  it('does not follow a next link to a look-alike path outside the base', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get(`${fake.fhirBase}-evil/Observation`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ resourceType: 'Bundle', type: 'searchset', entry: [] });
      }),
    );
    fake.data.observationNextLink = `${fake.fhirBase}-evil/Observation?page=2`;
    await signedIn();
    await userEvent.click(screen.getByRole('button', { name: 'Load more observations' }));
    expect(await screen.findByText(/sent a link to another server/)).toBeInTheDocument();
    expect(seen).toHaveLength(0);
  });
});
