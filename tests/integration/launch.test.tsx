import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeSmart, type FakeSmart } from '../support/fakeSmartServer';
import { browser } from '../../src/app/browser';
import { configFor, launchAndReturn, renderApp } from '../support/renderApp';
import { mockServer } from '../support/msw';

const server = mockServer();
let fake: FakeSmart;

beforeEach(async () => {
  fake = await createFakeSmart();
  server.use(...fake.handlers);
});

const ehrLaunch = () => `/launch?${new URLSearchParams({ iss: fake.fhirBase, launch: 'xyz123' })}`;
const standaloneLaunch = () => `/launch?${new URLSearchParams({ iss: fake.fhirBase })}`;

describe('EHR launch', () => {
  it('goes from the launch URL through the callback to the patient’s data', async () => {
    const { authorizeUrl, store } = await launchAndReturn(fake, ehrLaunch(), configFor(fake));
    expect(authorizeUrl.searchParams.get('launch')).toBe('xyz123');
    expect(authorizeUrl.searchParams.get('aud')).toBe(fake.fhirBase);
    expect(authorizeUrl.searchParams.get('scope')).toContain('launch');
    const encounters = await screen.findByRole('list', { name: 'Encounters' });
    // The fake EHR says need_patient_banner=false: it shows the patient itself, so the app shows no banner.
    expect(screen.queryByRole('heading', { name: 'Ada Lovelace' })).not.toBeInTheDocument();
    expect(screen.queryByText('MRN-1001')).not.toBeInTheDocument();
    expect(within(encounters).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Emergency visit'),
      expect.stringContaining('Annual check-up'),
    ]);
    expect(await screen.findByText('72 /min')).toBeInTheDocument();
    expect(fake.tokenRequestCount('authorization_code')).toBe(1);
    const context = store.current!.context;
    expect(context).toMatchObject({ patientId: 'p1', encounterId: 'e2', needPatientBanner: false });
    expect(context.fhirUser?.url).toBe(`${fake.fhirBase}/Practitioner/dr1`);
  });

  it('leaves no token in localStorage, sessionStorage or the URL', async () => {
    const { callbackUrl } = await launchAndReturn(fake, ehrLaunch(), configFor(fake));
    await screen.findByText('72 /min');
    const tokens = [...fake.issuedAccessTokens(), ...fake.issuedRefreshTokens()];
    expect(tokens.length).toBeGreaterThan(0);
    const stored = JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
    for (const token of tokens) {
      expect(stored).not.toContain(token);
      expect(window.location.href).not.toContain(token);
    }
    expect(Object.keys(sessionStorage)).toEqual([]); // the pending record is gone after the callback
    expect(callbackUrl.searchParams.get('code')).toBeTruthy();
  });
});

describe('a new launch while a session is open', () => {
  it('ends the previous session (its vault gone, its tokens revoked) before sending the browser to sign in', async () => {
    fake = await createFakeSmart({ revocation: true });
    server.use(...fake.handlers);
    const { store, unmount } = await launchAndReturn(fake, ehrLaunch(), configFor(fake));
    await screen.findByText('72 /min');
    const previous = store.current!;
    unmount();
    const redirect = vi.spyOn(browser, 'redirectToAuthorize').mockImplementation(() => undefined);
    renderApp(`/launch?${new URLSearchParams({ iss: fake.fhirBase, launch: 'another-patient' })}`, configFor(fake), store);
    await waitFor(() => expect(redirect).toHaveBeenCalledTimes(1));
    redirect.mockRestore();
    expect(previous.status).toBe('ended');
    expect(previous.endReason).toBe('replaced');
    expect(store.current).toBeNull();
    await waitFor(() => expect(fake.log.revocations.map((r) => r.hint).sort()).toEqual(['access_token', 'refresh_token']));
  });
});

describe('standalone launch', () => {
  it('asks for launch/patient and shows the chosen patient', async () => {
    const { authorizeUrl } = await launchAndReturn(fake, standaloneLaunch(), configFor(fake));
    expect(authorizeUrl.searchParams.get('launch')).toBeNull();
    expect(authorizeUrl.searchParams.get('scope')?.split(' ')).toContain('launch/patient');
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(screen.getByText('MRN-1001')).toBeInTheDocument();
  });

  it('lists configured servers on the start page', async () => {
    renderApp('/', configFor(fake));
    const link = await screen.findByRole('link', { name: 'Fake EHR' });
    expect(link.getAttribute('href')).toBe(`/launch?${new URLSearchParams({ iss: fake.fhirBase })}`);
  });
});

describe('launch failures', () => {
  it('refuses an iss that is not configured, before any request', async () => {
    renderApp(`/launch?${new URLSearchParams({ iss: 'https://evil.example/fhir', launch: 'x' })}`, configFor(fake));
    expect(await screen.findByRole('heading', { name: /not set up to connect/ })).toBeInTheDocument();
    expect(screen.getByText(/https:\/\/evil\.example\/fhir/)).toBeInTheDocument();
    // onUnhandledRequest: 'error' would fail the test on any request to evil.example.
  });

  it('shows a denial with a way to try again', async () => {
    await launchAndReturn(fake, standaloneLaunch(), configFor(fake), { deny: true });
    expect(await screen.findByRole('heading', { name: 'Access was not granted.' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', standaloneLaunch());
    expect(fake.tokenRequestCount('authorization_code')).toBe(0);
  });

  it('rejects a response whose state does not match', async () => {
    const { unmount } = await launchAndReturn(fake, standaloneLaunch(), configFor(fake));
    await screen.findByRole('heading', { name: 'Ada Lovelace' });
    unmount();
    renderApp('/callback?code=stolen&state=forged-state', configFor(fake));
    expect(await screen.findByRole('heading', { name: /does not belong to this window/ })).toBeInTheDocument();
    expect(fake.tokenRequestCount('authorization_code')).toBe(1);
  });

  it('rejects an RFC 9207 iss that is not the discovered issuer (mix-up defence)', async () => {
    await launchAndReturn(fake, ehrLaunch(), configFor(fake), { iss: 'https://attacker.example' });
    expect(await screen.findByRole('heading', { name: /unexpected server/ })).toBeInTheDocument();
    expect(fake.tokenRequestCount('authorization_code')).toBe(0);
  });
});

describe('the id_token is verified against jwks_uri', () => {
  it.each(['signature', 'nonce', 'audience'] as const)('refuses the sign-in when the id_token has a bad %s', async (tamper) => {
    server.resetHandlers();
    fake = await createFakeSmart({ tamperIdToken: tamper });
    server.use(...fake.handlers);
    await launchAndReturn(fake, ehrLaunch(), configFor(fake));
    expect(await screen.findByRole('heading', { name: /identity token could not be verified/ })).toBeInTheDocument();
    expect(screen.queryByText('Ada Lovelace')).not.toBeInTheDocument();
    expect(fake.log.fhirRequests).toHaveLength(0);
  });
});

describe('authorize-post', () => {
  it('uses a form POST when discovery advertises authorize-post', async () => {
    server.resetHandlers();
    fake = await createFakeSmart({ capabilities: ['launch-ehr', 'client-public', 'permission-v2', 'sso-openid-connect', 'authorize-post'] });
    server.use(...fake.handlers);
    const redirect = vi.spyOn(browser, 'redirectToAuthorize').mockImplementation(() => undefined);
    renderApp(ehrLaunch(), configFor(fake));
    await waitFor(() => expect(redirect).toHaveBeenCalledTimes(1));
    expect(redirect.mock.calls[0]![0].post).toBe(true);
    redirect.mockRestore();
  });
});

