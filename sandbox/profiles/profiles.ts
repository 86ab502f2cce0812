// Sandbox profiles: the same real parts (oidc-provider, medplum's FHIR engine) configured the way the EHRs the
// app is for behave (shared/docs/SMART.md, "Systems the app must work with"). One running sandbox can serve every
// profile at once, each on its own ports (sandbox/ports.ts).

export const PROFILE_NAMES = ['smart', 'epic', 'canvas', 's4s'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

export const isProfileName = (value: string): value is ProfileName => (PROFILE_NAMES as readonly string[]).includes(value);

export interface AuthRoutes {
  authorization: string;
  token: string;
  jwks: string;
  userinfo: string;
  /** Absent: no revocation endpoint. */
  revocation?: string;
  /** Present: open dynamic client registration (RFC 7591) at this path. */
  registration?: string;
}

export interface Profile {
  name: ProfileName;
  /** Shown on the EHR simulator and sign-in pages. */
  title: string;
  /** What differs from a plain SMART v2 server, one line each (the EHR simulator page lists them). */
  differences: string[];
  /** Path of the FHIR base on the FHIR port ('' = the port's root). */
  fhirPath: string;
  routes: AuthRoutes;
  /** The OAuth endpoints live on the EHR host (the EHR simulator and the authorization server share a port). */
  authOnEhrHost: boolean;
  /** EHR launch links on the simulator page: none, embedded only, or embedded and new window. */
  ehrLaunch: 'none' | 'embedded' | 'embedded-or-window';
  /** Discovery at .well-known/smart-configuration, or only in the CapabilityStatement's oauth-uris (SMART v1). */
  discovery: 'well-known' | 'capability-statement';
  capabilities: string[];
  /** OIDC scopes the provider grants (openid is dropped from requests when it is not listed). */
  oidcScopes: string[];
  /** Resource and context scopes the provider grants; others are dropped from the grant. */
  resourceScopes: string[];
  accessTokenFormat: 'jwt' | 'opaque';
  /** fhirUser as `Practitioner/id` or as an absolute URL under the FHIR base. */
  fhirUser: 'relative' | 'absolute';
  /** `aud` must equal the FHIR base exactly (else a trailing slash is accepted too). */
  exactAudience: boolean;
  /** The token response carries `patient` (and `encounter`) when the scopes ask for them. */
  patientContext: boolean;
  /** Clients registered at start (the app and the reference app), or none: dynamic registration only. */
  preRegisteredClients: boolean;
  /** Authorization-code lifetime in seconds. */
  authorizationCodeTtl: number;
  fhir: {
    /** Observation searches without `category`, `code` or `_id` are answered 400. */
    observationNeedsCategoryOrCode: boolean;
    /** Search bundles carry an OperationOutcome entry (search.mode=outcome) beside the matches. */
    outcomeEntry: boolean;
    /** `next`/`previous` links are `<type>?sessionID=<opaque>` (the server keeps the query). */
    opaquePaging: boolean;
  };
  /** Replaces the system of the patients' MRN identifiers (undefined: the dataset's OID URN as generated). */
  mrnSystem?: string;
}

const CLINICAL_TYPES = ['*', 'Patient', 'Encounter', 'Observation', 'Condition', 'MedicationRequest', 'Practitioner', 'Location'];
const scopesFor = (levels: string[], permissions: string[]) =>
  levels.flatMap((level) => CLINICAL_TYPES.flatMap((type) => permissions.map((permission) => `${level}/${type}.${permission}`)));
const SMART_CONTEXT_SCOPES = ['launch', 'launch/patient', 'launch/encounter', 'online_access'];

const SMART_CAPABILITIES = [
  'launch-ehr', 'launch-standalone', 'client-public', 'context-ehr-patient', 'context-ehr-encounter',
  'context-standalone-patient', 'context-standalone-encounter', 'context-banner', 'context-style',
  'permission-v1', 'permission-v2', 'permission-patient', 'permission-user', 'permission-offline', 'permission-online',
  'sso-openid-connect',
];

const noFhirQuirks = { observationNeedsCategoryOrCode: false, outcomeEntry: false, opaquePaging: false };

export const PROFILES: Record<ProfileName, Profile> = {
  smart: {
    name: 'smart',
    title: 'SMART reference (v2)',
    differences: ['A well-behaved SMART App Launch 2.2 server: v1 and v2 scopes, EHR and standalone launch, refresh tokens that rotate.'],
    fhirPath: '/fhir',
    routes: { authorization: '/auth', token: '/token', jwks: '/jwks', userinfo: '/me', revocation: '/token/revocation' },
    authOnEhrHost: false,
    ehrLaunch: 'embedded-or-window',
    discovery: 'well-known',
    capabilities: SMART_CAPABILITIES,
    oidcScopes: ['openid', 'fhirUser', 'profile', 'offline_access'],
    resourceScopes: [...SMART_CONTEXT_SCOPES, ...scopesFor(['patient', 'user'], ['rs', 'r', 's', 'read'])],
    accessTokenFormat: 'jwt',
    fhirUser: 'relative',
    exactAudience: false,
    patientContext: true,
    preRegisteredClients: true,
    authorizationCodeTtl: 60,
    fhir: noFhirQuirks,
  },
  epic: {
    name: 'epic',
    title: 'Epic-like',
    differences: [
      'EHR launch inside an iframe; aud must equal the FHIR base exactly.',
      'Opaque access tokens (not JWTs), looked up by the FHIR server; fhirUser is an absolute URL.',
      'Observation searches need category or code (400 otherwise); search bundles carry an OperationOutcome entry.',
      'next links carry an opaque sessionID; the MRN identifier system is an OID URN.',
    ],
    fhirPath: '/api/FHIR/R4',
    routes: { authorization: '/oauth2/authorize', token: '/oauth2/token', jwks: '/oauth2/jwks', userinfo: '/oauth2/userinfo', revocation: '/oauth2/revoke' },
    authOnEhrHost: false,
    ehrLaunch: 'embedded',
    discovery: 'well-known',
    capabilities: SMART_CAPABILITIES.filter((c) => c !== 'permission-online'),
    oidcScopes: ['openid', 'fhirUser', 'profile', 'offline_access'],
    resourceScopes: [...SMART_CONTEXT_SCOPES, ...scopesFor(['patient', 'user'], ['rs', 'r', 's', 'read'])],
    accessTokenFormat: 'opaque',
    fhirUser: 'absolute',
    exactAudience: true,
    patientContext: true,
    preRegisteredClients: true,
    authorizationCodeTtl: 300,
    fhir: { observationNeedsCategoryOrCode: true, outcomeEntry: true, opaquePaging: true },
  },
  canvas: {
    name: 'canvas',
    title: 'Canvas-like',
    differences: [
      'OAuth endpoints on the EHR host (this page), with trailing slashes: /auth/authorize/ and /auth/token/; FHIR on another port.',
      'User-level scopes in v1 syntax only (user/Patient.read …); the token response has no patient: find the patient by name or MRN.',
      'Refresh tokens are single-use: reusing one revokes the grant.',
    ],
    fhirPath: '',
    routes: { authorization: '/auth/authorize/', token: '/auth/token/', jwks: '/auth/jwks/', userinfo: '/auth/userinfo/', revocation: '/auth/revoke/' },
    authOnEhrHost: true,
    ehrLaunch: 'embedded-or-window',
    discovery: 'well-known',
    capabilities: ['launch-ehr', 'launch-standalone', 'client-public', 'permission-v1', 'permission-user', 'permission-offline', 'sso-openid-connect'],
    oidcScopes: ['openid', 'fhirUser', 'profile', 'offline_access'],
    resourceScopes: ['launch', ...scopesFor(['user'], ['read'])],
    accessTokenFormat: 'jwt',
    fhirUser: 'relative',
    exactAudience: false,
    patientContext: false,
    preRegisteredClients: true,
    authorizationCodeTtl: 60,
    fhir: noFhirQuirks,
    mrnSystem: 'http://canvasmedical.com/mrn',
  },
  s4s: {
    name: 's4s',
    title: 'S4S-like (Sync for Science reference)',
    differences: [
      'No .well-known/smart-configuration (404): the endpoints, including register, are only in the CapabilityStatement (oauth-uris).',
      'Dynamic client registration (RFC 7591) is required: no client is registered in advance. Standalone launch only.',
      'Only v1 scopes: launch/patient patient/*.read offline_access (no openid). Authorization codes live 100 s; refresh tokens rotate.',
    ],
    fhirPath: '/api/fhir',
    routes: { authorization: '/authorize', token: '/token', jwks: '/jwks', userinfo: '/userinfo', registration: '/register' },
    authOnEhrHost: false,
    ehrLaunch: 'none',
    discovery: 'capability-statement',
    capabilities: ['launch-standalone', 'client-public', 'context-standalone-patient', 'permission-v1', 'permission-patient', 'permission-offline'],
    oidcScopes: ['offline_access'],
    resourceScopes: ['launch/patient', 'patient/*.read'],
    accessTokenFormat: 'jwt',
    fhirUser: 'relative',
    exactAudience: false,
    patientContext: true,
    preRegisteredClients: false,
    authorizationCodeTtl: 100,
    fhir: noFhirQuirks,
    mrnSystem: 'http://syncfor.science/mrn',
  },
};
