// Where each sandbox part listens. Every server binds 127.0.0.1 (Chromium treats localhost as another site).
import { PROFILES, type ProfileName } from './profiles/profiles';

export const HOST = '127.0.0.1';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const APP_PORT = port('APP_PORT', 4173);
export const AUTH_PORT = port('AUTH_PORT', 4400);
export const FHIR_PORT = port('FHIR_PORT', 4500);
export const EHR_PORT = port('EHR_PORT', 4300);

export const APP_ORIGIN = `http://${HOST}:${APP_PORT}`;
export const AUTH_ISSUER = `http://${HOST}:${AUTH_PORT}`;
export const FHIR_BASE = `http://${HOST}:${FHIR_PORT}/fhir`;
export const EHR_ORIGIN = `http://${HOST}:${EHR_PORT}`;

/** The client registered at the sandbox's authorization server (a public client, PKCE). */
export const CLIENT_ID = 'smart-chart';

/** The benchmark's reference app (fhirclient 2.6), a second public client registered at the sandbox. */
export const REFERENCE_PORT = port('REFERENCE_PORT', 4174);
export const REFERENCE_ORIGIN = `http://${HOST}:${REFERENCE_PORT}`;
export const REFERENCE_CLIENT_ID = 'fhirclient-reference';

export interface ProfilePorts {
  auth: number;
  fhir: number;
  /** The EHR simulator; the canvas profile's is the authorization server's host (OAuth on the EHR host). */
  ehr: number;
}

/** Each profile on ports of its own, so that one sandbox process can run them all (overridable by environment). */
export const PROFILE_PORTS: Record<ProfileName, ProfilePorts> = {
  smart: { auth: AUTH_PORT, fhir: FHIR_PORT, ehr: EHR_PORT },
  epic: { auth: port('EPIC_AUTH_PORT', 4410), fhir: port('EPIC_FHIR_PORT', 4510), ehr: port('EPIC_EHR_PORT', 4310) },
  canvas: { auth: port('CANVAS_AUTH_PORT', 4420), fhir: port('CANVAS_FHIR_PORT', 4520), ehr: port('CANVAS_AUTH_PORT', 4420) },
  s4s: { auth: port('S4S_AUTH_PORT', 4430), fhir: port('S4S_FHIR_PORT', 4530), ehr: port('S4S_EHR_PORT', 4330) },
};

export interface ProfileUrls {
  /** The authorization server's issuer (its control API is <issuer>/__sandbox). */
  issuer: string;
  /** The FHIR base the EHR sends as `iss`. */
  fhirBase: string;
  /** The EHR simulator's patient list. */
  ehrUrl: string;
}

export function profileUrls(name: ProfileName, ports: ProfilePorts = PROFILE_PORTS[name], host = HOST): ProfileUrls {
  return {
    issuer: `http://${host}:${ports.auth}`,
    fhirBase: `http://${host}:${ports.fhir}${PROFILES[name].fhirPath}`,
    ehrUrl: `http://${host}:${ports.ehr}/`,
  };
}

/** The URLs of every profile on its default ports, e.g. PROFILE_URLS.epic.fhirBase. */
export const PROFILE_URLS = Object.fromEntries(
  (Object.keys(PROFILE_PORTS) as ProfileName[]).map((name) => [name, profileUrls(name)]),
) as Record<ProfileName, ProfileUrls>;
