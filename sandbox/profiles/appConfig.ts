// What the app's smart-config.json needs for each profile (the README's table says the same), and the config
// the sandbox's static server serves: the built one, plus the running profiles' servers.
import { CLIENT_ID, type ProfileUrls } from '../ports';
import type { ProfileName } from './profiles';

const V2_PATIENT = 'patient/Patient.rs patient/Encounter.rs patient/Observation.rs';
const V2_USER = 'user/Patient.rs user/Encounter.rs user/Observation.rs';

type ServerEntry = Record<string, unknown> & { issuer: string };

/** The smart-config.json server entry for a profile running at `urls`. */
export function appConfigEntry(name: ProfileName, urls: ProfileUrls): ServerEntry {
  const authOrigins = [new URL(urls.issuer).origin];
  switch (name) {
    case 'smart':
      return {
        id: 'sandbox', name: 'Local SMART sandbox', issuer: urls.fhirBase, clientId: CLIENT_ID,
        scopes: { ehr: `launch openid fhirUser ${V2_PATIENT} online_access`, standalone: `launch/patient openid fhirUser ${V2_PATIENT} online_access` },
        authOrigins,
      };
    case 'epic':
      return {
        id: 'epic', name: 'Epic-like sandbox', issuer: urls.fhirBase, clientId: CLIENT_ID,
        scopes: { ehr: `launch openid fhirUser ${V2_PATIENT}`, standalone: `launch/patient openid fhirUser ${V2_PATIENT} offline_access` },
        authOrigins,
      };
    case 'canvas':
      // Written in v2 syntax: the app sends v1 (user/Patient.read …) because the server advertises permission-v1 only.
      return {
        id: 'canvas', name: 'Canvas-like sandbox', issuer: urls.fhirBase, clientId: CLIENT_ID,
        scopes: { ehr: `launch openid fhirUser ${V2_USER} offline_access`, standalone: `openid fhirUser ${V2_USER} offline_access` },
        authOrigins,
      };
    case 's4s':
      // No clientId: the app registers itself (RFC 7591); no client exists in advance.
      return {
        id: 's4s', name: 'S4S-like sandbox', issuer: urls.fhirBase,
        scopes: { ehr: 'launch/patient patient/*.read offline_access', standalone: 'launch/patient patient/*.read offline_access' },
        authOrigins,
      };
  }
}

export interface RunningProfileUrls extends ProfileUrls {
  name: ProfileName;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strip = (url: unknown) => (typeof url === 'string' ? url.replace(/\/+$/, '') : url);

/**
 * The built smart-config.json (`built`, unparsed JSON) for a sandbox running `running`: its servers, without
 * those naming a sandbox profile that is not running (`known`: every profile's URLs), plus an entry for each
 * running profile it lacks (replacing a built entry of the same id, e.g. the smart profile on other ports);
 * ehrOrigins likewise.
 */
export function sandboxSmartConfig(built: unknown, running: RunningProfileUrls[], known: RunningProfileUrls[]): Json {
  const config: Json = isObject(built) ? { ...built } : {};
  const servers = (Array.isArray(config.servers) ? (config.servers as unknown[]) : []).filter(isObject);
  const runningBases = new Set(running.map((p) => strip(p.fhirBase)));
  const stopped = new Set(known.map((p) => strip(p.fhirBase)).filter((base) => !runningBases.has(base)));
  const result = servers.filter((s) => !stopped.has(strip(s.issuer)));
  for (const profile of running) {
    if (result.some((s) => strip(s.issuer) === strip(profile.fhirBase))) continue;
    const entry = appConfigEntry(profile.name, profile);
    const sameId = result.findIndex((s) => s.id === entry.id);
    if (sameId >= 0) result[sameId] = entry;
    else result.push(entry);
  }
  const ehrOrigins = Array.isArray(config.ehrOrigins) ? (config.ehrOrigins as unknown[]) : [];
  const runningEhrs = running.map((p) => new URL(p.ehrUrl).origin);
  const stoppedEhrs = new Set(known.map((p) => new URL(p.ehrUrl).origin).filter((origin) => !runningEhrs.includes(origin)));
  const origins = [...new Set([...ehrOrigins.filter((o) => !stoppedEhrs.has(o as string)), ...runningEhrs])];
  return { ...config, servers: result, ehrOrigins: origins };
}
