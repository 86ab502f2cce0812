// A whole sandbox profile (auth + FHIR + EHR simulator) on free ports, plus the OAuth journeys against it.
import { authFlows } from './auth/testFixture';
import { freePort } from './auth/testBrowser';
import { generateDataset, type Dataset } from './data';
import { startProfile } from './profile';

export const APP_ORIGIN = 'http://127.0.0.1:4173';
export const REFERENCE_ORIGIN = 'http://127.0.0.1:4174';

let dataset: Dataset | undefined;

export async function startTestProfile() {
  dataset ??= generateDataset();
  const ports = { auth: await freePort(), fhir: await freePort(), ehr: await freePort() };
  const profile = await startProfile({ host: '127.0.0.1', ports, dataset, appOrigin: APP_ORIGIN, referenceOrigin: REFERENCE_ORIGIN });
  const flows = authFlows({ issuer: profile.issuer, fhirBase: profile.fhirBase, appOrigin: APP_ORIGIN });

  /** A FHIR request with the bearer token (and e.g. an Origin header). */
  const fhir = (path: string, accessToken?: string, headers: Record<string, string> = {}) =>
    fetch(`${profile.fhirBase}/${path}`, { headers: { ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}), ...headers } });

  /** A standalone sign-in (user pr-1, the given patient) and code exchange. */
  async function signIn(patient = 'p-001', scope?: string) {
    const { landing, verifier } = await flows.standalone({ user: 'pr-1', patient, action: 'approve' }, scope);
    const { body } = await flows.exchange(landing.app!.searchParams.get('code')!, verifier);
    return body;
  }

  return { ...profile, ...flows, dataset, fhir, signIn };
}

export type TestProfile = Awaited<ReturnType<typeof startTestProfile>>;
