// The reference app's registration at the sandbox (sandbox/ports.ts REFERENCE_CLIENT_ID): a public client.
export const clientId = 'fhirclient-reference';
export const scope = 'launch openid fhirUser patient/Patient.rs patient/Encounter.rs patient/Observation.rs';
