// The smart-config.json fields that only feed the served CSP: fhirOrigins, jwksOrigins, styleOrigins.
import { describe, expect, it } from 'vitest';
import { isCspOrigin, parseConfig } from '../../../src/smart/config';
import { expectLaunchError, thrownBy } from './launchErrors';

const scopes = { ehr: 'launch openid', standalone: 'openid' };
const config = (fields: Record<string, unknown>) => ({
  servers: [{ id: 'ehr', name: 'EHR', issuerPattern: 'https://[a-z]+\\.ehr\\.example\\.com/fhir', clientId: 'c', scopes, ...fields }],
});

describe('CSP origin fields of a server', () => {
  it('keeps origins and host wildcards as given', () => {
    const [server] = parseConfig(
      config({ fhirOrigins: ['https://*.ehr.example.com'], jwksOrigins: ['https://keys.example.org/'], styleOrigins: ['http://127.0.0.1:8090'] }),
    ).servers;
    expect(server).toMatchObject({
      fhirOrigins: ['https://*.ehr.example.com'],
      jwksOrigins: ['https://keys.example.org/'],
      styleOrigins: ['http://127.0.0.1:8090'],
    });
  });

  it('leaves them out when not configured', () => {
    const [server] = parseConfig(config({})).servers;
    expect(server).not.toHaveProperty('fhirOrigins');
    expect(server).not.toHaveProperty('jwksOrigins');
    expect(server).not.toHaveProperty('styleOrigins');
  });

  it.each([
    ['fhirOrigins', 'https://*.ehr.example.com/fhir'], // a path: not an origin
    ['fhirOrigins', 'ehr.example.com'], // no scheme
    ['fhirOrigins', 'https://*.com'], // a wildcard over a whole top-level domain
    ['fhirOrigins', 'https://a.*.example.com'], // a wildcard must come first
    ['jwksOrigins', 'ftp://keys.example.org'],
    ['jwksOrigins', 'https://user@keys.example.org'],
    ['styleOrigins', 'https://ehr.example.org?x=1'],
    ['styleOrigins', 'https://a$b.example.org'], // would be an nginx variable in the served header
    ['styleOrigins', 'https://ehr.example.org:99999'],
  ])('refuses %s entry %s with a message naming the field', (field, value) => {
    const error = expectLaunchError(thrownBy(() => parseConfig(config({ [field]: [value] }))), 'config_invalid');
    expect(error.detail).toBe(`smart-config.json: servers[0].${field} must be a list of http(s) origins (a host may start with "*.")`);
  });

  it('refuses a value that is not a list', () => {
    const error = expectLaunchError(thrownBy(() => parseConfig(config({ jwksOrigins: 'https://keys.example.org' }))), 'config_invalid');
    expect(error.detail).toBe('smart-config.json: servers[0].jwksOrigins must be a list of http(s) origins (a host may start with "*.")');
  });

  it.each(['https://ehr.example.com', 'https://*.ehr.example.com', 'http://127.0.0.1:4400', 'http://[::1]:4500', 'HTTPS://EHR.Example.com/'])(
    '%s is a CSP origin',
    (value) => expect(isCspOrigin(value)).toBe(true),
  );
});
