// Renders the app at a /chart address with a session that is already active (no launch round trip), a fresh
// QueryClient without retries, and FHIR served by createFakeFhir().
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { StrictMode } from 'react';
import { App } from '../../../src/app/App';
import type { AppConfig } from '../../../src/smart/config';
import { toLaunchContext } from '../../../src/smart/launchContext';
import { SessionStore } from '../../../src/smart/sessionStore';
import { SessionHandle } from '../../../src/smart/SessionHandle';
import { vaultHolding } from '../inProcessVault';
import { FHIR_BASE } from './fakeFhirServer';

export const PATIENT_SCOPES = 'launch openid fhirUser patient/Patient.rs patient/Encounter.rs patient/Observation.rs';
export const USER_SCOPES = 'openid fhirUser user/Patient.rs user/Encounter.rs user/Observation.rs';

const config: AppConfig = { servers: [], ehrOrigins: [] };

export interface ChartOptions {
  /** The token response's context fields (patient, encounter, need_patient_banner, smart_style_url, scope …). */
  context?: Record<string, unknown>;
  /** Send the landing view's requests ahead, as the callback does the moment the token arrives. */
  landing?: boolean;
}

export function renderChart(path: string, options: ChartOptions = {}) {
  const context = toLaunchContext({ scope: PATIENT_SCOPES, ...options.context }, FHIR_BASE);
  const vault = vaultHolding({ baseUrl: FHIR_BASE, tokens: { accessToken: 'at-views', expiresIn: 3600 }, landing: options.landing ? context : undefined });
  const session = new SessionHandle({ iss: FHIR_BASE, mode: 'ehr', context, vault });
  const store = new SessionStore();
  store.start(session);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 60_000, refetchOnWindowFocus: false } } });
  const view = render(
    <StrictMode>
      <App config={config} store={store} queryClient={queryClient} initialEntries={[path]} />
    </StrictMode>,
  );
  return { ...view, store, session, queryClient };
}
