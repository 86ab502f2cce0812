// A whole sandbox profile (auth + FHIR + EHR simulator) on free ports, plus the OAuth journeys against it.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { authFlows } from './auth/testFixture';
import { freePort, onFreePorts } from './auth/testBrowser';
import { generateDataset, type Dataset } from './data';
import { startProfile } from './profile';
import { PROFILES, type ProfileName } from './profiles/profiles';

export const APP_ORIGIN = 'http://127.0.0.1:4173';
export const REFERENCE_ORIGIN = 'http://127.0.0.1:4174';

let dataset: Dataset | undefined;

export async function startTestProfile(name: ProfileName = 'smart') {
  dataset ??= generateDataset();
  const profile = PROFILES[name];
  const running = await onFreePorts(async () => {
    const auth = await freePort();
    const ports = { auth, fhir: await freePort(), ehr: profile.authOnEhrHost ? auth : await freePort() };
    return startProfile({ profile: name, host: '127.0.0.1', ports, dataset: dataset!, appOrigin: APP_ORIGIN, referenceOrigin: REFERENCE_ORIGIN });
  });
  const target = { issuer: running.issuer, fhirBase: running.fhirBase, appOrigin: APP_ORIGIN, routes: profile.routes };
  const flows = authFlows(target);

  /** A FHIR request with the bearer token (and e.g. an Origin header). */
  const fhir = (path: string, accessToken?: string, headers: Record<string, string> = {}) =>
    fetch(path.startsWith('http') ? path : `${running.fhirBase}/${path}`, {
      headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...headers },
    });

  /** A standalone sign-in (user pr-1, the given patient) and code exchange, with `clientId` (default the app's). */
  async function signIn(patient = 'p-001', scope?: string, clientId?: string) {
    const client = clientId ? authFlows({ ...target, clientId }) : flows;
    const { landing, verifier } = await client.standalone({ user: 'pr-1', patient, action: 'approve' }, scope);
    const code = landing.app?.searchParams.get('code');
    if (!code) throw new Error(`no code: ${landing.app?.href ?? landing.page?.html}`);
    const { body } = await client.exchange(code, verifier);
    return body;
  }

  return { ...running, ...flows, profile, dataset, fhir, signIn, flowsFor: (clientId: string) => authFlows({ ...target, clientId }) };
}

export type TestProfile = Awaited<ReturnType<typeof startTestProfile>>;

/**
 * For a test file: a profile started before its tests, reset after each, closed at the end. Returns a getter
 * (the profile exists only once beforeAll has run).
 */
export function useTestProfile(name: ProfileName = 'smart'): () => TestProfile {
  let profile: TestProfile | undefined;
  beforeAll(async () => {
    profile = await startTestProfile(name);
  });
  afterAll(() => profile?.close());
  afterEach(async () => {
    await profile?.control('reset', {});
  });
  return () => profile!;
}
