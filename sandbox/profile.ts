// One sandbox "EHR" for a profile: its authorization server, FHIR server and EHR simulator, sharing one
// SandboxState (knobs and counters, controlled at <issuer>/__sandbox/*) and one revocation list.
import { RevocationList } from './auth/revocations';
import { startAuthServer, type AuthServer } from './auth/server';
import { smartConfiguration } from './auth/smartConfiguration';
import type { Dataset } from './data';
import { ehrPages, startEhrSimulator } from './ehr/server';
import { startFhirServer } from './fhir/server';
import { SandboxState } from './knobs';
import { profileUrls, type ProfilePorts, type ProfileUrls } from './ports';
import { datasetFor } from './profiles/dataset';
import { PROFILES, type ProfileName } from './profiles/profiles';

export interface StartProfileOptions {
  /** Default: smart. */
  profile?: ProfileName;
  host: string;
  ports: ProfilePorts;
  dataset: Dataset;
  appOrigin: string;
  /** The benchmark's reference app: registered as a client and allowed by CORS when given. */
  referenceOrigin?: string;
  /** More origins the FHIR server answers CORS for (e.g. the Vite dev server). */
  extraOrigins?: string[];
  state?: SandboxState;
}

export interface RunningProfile extends ProfileUrls {
  name: ProfileName;
  /** <issuer>/__sandbox: POST knobs, GET stats, POST reset, POST revoke-all. */
  controlUrl: string;
  state: SandboxState;
  auth: AuthServer;
  close(): Promise<void>;
}

type Closable = { close(): Promise<void> };

/** Starts the parts in parallel; if one fails, closes the others before reporting the failure. */
export async function startAll(starting: Promise<Closable>[]): Promise<() => Promise<void>> {
  const results = await Promise.allSettled(starting);
  const servers = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const close = async () => {
    await Promise.allSettled(servers.map((server) => server.close()));
  };
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return close;
}

export async function startProfile(options: StartProfileOptions): Promise<RunningProfile> {
  const { host, ports, appOrigin, referenceOrigin } = options;
  const name = options.profile ?? 'smart';
  const profile = PROFILES[name];
  const dataset = datasetFor(profile, options.dataset);
  const state = options.state ?? new SandboxState();
  const urls = profileUrls(name, ports, host);
  const { issuer, fhirBase } = urls;
  const { patients, practitioners } = dataset;
  const revocations = new RevocationList();
  const pages = { appOrigin, fhirBase, patients, practitioners, profile };
  const auth = startAuthServer({
    host, port: ports.auth, issuer, fhirBase, appOrigin, referenceOrigin, patients, practitioners, state, revocations, profile,
    ehrPages: profile.authOnEhrHost ? ehrPages(pages) : undefined,
  });
  const starting: Promise<Closable>[] = [
    auth,
    startFhirServer({
      host,
      port: ports.fhir,
      baseUrl: fhirBase,
      dataset,
      issuer,
      jwksUri: issuer + profile.routes.jwks,
      allowedOrigins: [appOrigin, ...(referenceOrigin ? [referenceOrigin] : []), ...(options.extraOrigins ?? [])],
      smartConfiguration: () => smartConfiguration(issuer, profile),
      wellKnown: profile.discovery === 'well-known',
      quirks: profile.fhir,
      state,
      isRevoked: (jti) => revocations.isRevoked(jti),
      // Requests come only once both servers listen (startAll), so the auth server is there to ask.
      lookupToken: profile.accessTokenFormat === 'opaque' ? async (token) => (await auth).findAccessToken(token) : undefined,
    }),
  ];
  if (!profile.authOnEhrHost) starting.push(startEhrSimulator({ host, port: ports.ehr, ...pages }));
  const close = await startAll(starting);
  return { name, ...urls, controlUrl: `${issuer}/__sandbox`, state, auth: await auth, close };
}
