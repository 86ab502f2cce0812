// Where each sandbox part listens. Every server binds 127.0.0.1 (Chromium treats localhost as another site).
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
