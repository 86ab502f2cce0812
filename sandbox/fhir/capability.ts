import type {
  CapabilityStatement,
  CapabilityStatementRestResource,
  CapabilityStatementRestResourceSearchParam,
  Extension,
  ResourceType,
} from '@medplum/fhirtypes';

type ParamType = CapabilityStatementRestResourceSearchParam['type'];

const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';

const SEARCH_PARAMS: Partial<Record<ResourceType, [string, ParamType][]>> = {
  Patient: [['_id', 'token'], ['name', 'string'], ['family', 'string'], ['given', 'string'], ['identifier', 'token'], ['birthdate', 'date'], ['gender', 'token']],
  Encounter: [['_id', 'token'], ['patient', 'reference'], ['subject', 'reference'], ['date', 'date'], ['class', 'token'], ['status', 'token']],
  Observation: [['_id', 'token'], ['patient', 'reference'], ['subject', 'reference'], ['category', 'token'], ['code', 'token'], ['encounter', 'reference'], ['date', 'date']],
  Condition: [['_id', 'token'], ['patient', 'reference'], ['subject', 'reference'], ['category', 'token'], ['clinical-status', 'token'], ['code', 'token']],
  MedicationRequest: [['_id', 'token'], ['patient', 'reference'], ['subject', 'reference'], ['status', 'token'], ['intent', 'token'], ['code', 'token']],
  Practitioner: [['_id', 'token'], ['name', 'string']],
  Location: [['_id', 'token'], ['name', 'string']],
};

export const SERVED_TYPES = Object.keys(SEARCH_PARAMS) as ResourceType[];

/** SMART endpoint names (smart-configuration keys) that map to oauth-uris extension names. */
const OAUTH_KEYS: [string, string][] = [
  ['authorization_endpoint', 'authorize'],
  ['token_endpoint', 'token'],
  ['revocation_endpoint', 'revoke'],
  ['introspection_endpoint', 'introspect'],
  ['registration_endpoint', 'register'],
  ['management_endpoint', 'manage'],
];

export function capabilityStatement(baseUrl: string, smart: Record<string, unknown>): CapabilityStatement {
  const uris: Extension[] = OAUTH_KEYS.filter(([key]) => typeof smart[key] === 'string').map(([key, url]) => ({
    url,
    valueUri: smart[key] as string,
  }));
  const resource: CapabilityStatementRestResource[] = SERVED_TYPES.map((type) => ({
    type,
    interaction: [{ code: 'read' }, { code: 'search-type' }],
    searchParam: (SEARCH_PARAMS[type] ?? []).map(([name, t]) => ({ name, type: t })),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-01',
    kind: 'instance',
    software: { name: 'smart-chart sandbox FHIR server' },
    implementation: { description: 'Local SMART on FHIR sandbox (synthetic data)', url: baseUrl },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          extension: [{ url: OAUTH_URIS, extension: uris }],
        },
        resource,
      },
    ],
  };
}
