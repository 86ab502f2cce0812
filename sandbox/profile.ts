// One sandbox "EHR": its authorization server, FHIR server and EHR simulator, sharing one SandboxState (knobs
// and counters, controlled at <issuer>/__sandbox/*) and one revocation list.
import { RevocationList } from './auth/revocations';
import { startAuthServer } from './auth/server';
import { smartConfiguration } from './auth/smartConfiguration';
import type { Dataset } from './data';
import { startEhrSimulator } from './ehr/server';
import { startFhirServer } from './fhir/server';
import { SandboxState } from './knobs';

export interface ProfilePorts {
  auth: number;
  fhir: number;
  ehr: number;
}

export interface StartProfileOptions {
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

export interface RunningProfile {
  issuer: string;
  fhirBase: string;
  ehrUrl: string;
  /** <issuer>/__sandbox: POST knobs, GET stats, POST reset, POST revoke-all. */
  controlUrl: string;
  state: SandboxState;
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
  const { host, ports, dataset, appOrigin, referenceOrigin } = options;
  const state = options.state ?? new SandboxState();
  const issuer = `http://${host}:${ports.auth}`;
  const fhirBase = `http://${host}:${ports.fhir}/fhir`;
  const ehrUrl = `http://${host}:${ports.ehr}/`;
  const discovery = smartConfiguration(issuer);
  const { patients, practitioners } = dataset;
  const revocations = new RevocationList();
  const allowedOrigins = [appOrigin, ...(referenceOrigin ? [referenceOrigin] : []), ...(options.extraOrigins ?? [])];
  const close = await startAll([
    startAuthServer({ host, port: ports.auth, issuer, fhirBase, appOrigin, referenceOrigin, patients, practitioners, state, revocations }),
    startFhirServer({
      host,
      port: ports.fhir,
      baseUrl: fhirBase,
      dataset,
      issuer,
      jwksUri: String(discovery.jwks_uri),
      allowedOrigins,
      smartConfiguration: () => smartConfiguration(issuer),
      state,
      isRevoked: (jti) => revocations.isRevoked(jti),
    }),
    startEhrSimulator({ host, port: ports.ehr, appOrigin, fhirBase, patients, practitioners }),
  ]);
  return { issuer, fhirBase, ehrUrl, controlUrl: `${issuer}/__sandbox`, state, close };
}
