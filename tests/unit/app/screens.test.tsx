import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from '../../../src/app/browser';
import { ConfigErrorScreen } from '../../../src/app/ConfigErrorScreen';
import { SessionEndedScreen } from '../../../src/app/routes/errorScreens';
import { SmartLaunchError } from '../../../src/smart/errors';

afterEach(() => vi.restoreAllMocks());

describe('the configuration error page', () => {
  it('tells the clinician what to do in plain words, and IT what is wrong, with no README reference', () => {
    render(<ConfigErrorScreen error={new SmartLaunchError('config_invalid', 'smart-config.json: servers[0].clientId is missing')} />);
    expect(screen.getByRole('heading', { name: 'The app is not set up correctly' })).toBeInTheDocument();
    expect(screen.getByText(/cannot open until your IT team fixes its settings/)).toBeInTheDocument();
    expect(screen.getByText('Details for IT')).toBeInTheDocument();
    expect(screen.getByText('smart-config.json: servers[0].clientId is missing')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/README/);
  });
});

describe('the way back after a session ends', () => {
  const ended = (launch: { iss: string; mode: 'ehr' | 'standalone' }) =>
    render(
      <MemoryRouter>
        <SessionEndedScreen reason="refresh_failed" launch={launch} />
      </MemoryRouter>,
    );

  it('inside the EHR’s panel: back to the EHR only, never the standalone server picker', () => {
    vi.spyOn(browser, 'isFramed').mockReturnValue(true);
    ended({ iss: 'https://ehr.example/fhir', mode: 'ehr' });
    expect(screen.getByText('To try again, open the app again from your EHR.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Sign in without the EHR' })).not.toBeInTheDocument();
  });

  it('in a window of its own after an EHR launch: the EHR, or the standalone sign-in', () => {
    vi.spyOn(browser, 'isFramed').mockReturnValue(false);
    ended({ iss: 'https://ehr.example/fhir', mode: 'ehr' });
    expect(screen.getByRole('link', { name: 'Sign in without the EHR' })).toBeInTheDocument();
  });

  it('after a standalone sign-in: the same sign-in again', () => {
    ended({ iss: 'https://ehr.example/fhir', mode: 'standalone' });
    expect(screen.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', `/launch?${new URLSearchParams({ iss: 'https://ehr.example/fhir' })}`);
  });
});
