import { render, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { vi } from 'vitest';
import { App } from '../../src/app/App';
import { browser } from '../../src/app/browser';
import type { AppConfig } from '../../src/smart/config';
import { SessionStore } from '../../src/smart/sessionStore';
import type { FakeSmart } from './fakeSmartServer';

export function configFor(fake: FakeSmart, overrides: Partial<AppConfig['servers'][number]> = {}): AppConfig {
  return {
    servers: [
      {
        id: 'fake',
        name: 'Fake EHR',
        issuer: fake.fhirBase,
        clientId: fake.clientId,
        scopes: {
          ehr: 'launch openid fhirUser patient/Patient.rs patient/Encounter.rs patient/Observation.rs',
          standalone: 'launch/patient openid fhirUser patient/Patient.rs patient/Encounter.rs patient/Observation.rs',
        },
        standalone: true,
        register: false,
        ...overrides,
      },
    ],
    ehrOrigins: [],
  };
}

/** Renders the whole app at `path`, in StrictMode (as in development), with its own session store. */
export function renderApp(path: string, config: AppConfig, store = new SessionStore()) {
  const view = render(
    <StrictMode>
      <App config={config} store={store} initialEntries={[path]} />
    </StrictMode>,
  );
  return { ...view, store };
}

/**
 * Opens `launchPath`, catches the redirect to the authorization server, lets the fake server answer, and
 * renders the app again at the callback address (the browser really does a full page load there).
 */
export async function launchAndReturn(fake: FakeSmart, launchPath: string, config: AppConfig, answer: Parameters<FakeSmart['authorize']>[1] = {}) {
  const redirect = vi.spyOn(browser, 'redirectToAuthorize').mockImplementation(() => undefined);
  const launchView = renderApp(launchPath, config);
  await waitFor(() => expect(redirect).toHaveBeenCalledTimes(1));
  const authorize = redirect.mock.calls[0]![0];
  launchView.unmount();
  redirect.mockRestore();
  const callback = new URL(fake.authorize(authorize.url, answer));
  const view = renderApp(`${callback.pathname}${callback.search}`, config);
  return { ...view, authorizeUrl: new URL(authorize.url), callbackUrl: callback };
}
