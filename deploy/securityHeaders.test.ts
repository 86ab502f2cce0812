import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/smart/config';
import { contentSecurityPolicy, patternOrigin, securityHeaders, serversWithoutFhirOrigin } from './securityHeaders';

const scopes = { ehr: 'launch openid fhirUser patient/*.rs', standalone: 'launch/patient openid fhirUser patient/*.rs' };
/** A deployment's smart-config.json, through the app's own validation (as the generator reads it). */
const deployment = (servers: Record<string, unknown>[], ehrOrigins: string[] = []) =>
  parseConfig({ servers: servers.map((s, i) => ({ id: `s${i}`, name: `Server ${i}`, clientId: 'smart-chart', scopes, ...s })), ehrOrigins });

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1);
const csp = (config: ReturnType<typeof deployment>) => contentSecurityPolicy(config);

describe('the CSP for each deployment shape', () => {
  it('authorization server on the FHIR origin (Epic-style), authorize by POST: the form may post to the FHIR origin', () => {
    const policy = csp(deployment([{ issuer: 'https://fhir.hospital.example/api/FHIR/R4' }], ['https://ehr.hospital.example']));
    expect(directive(policy, 'form-action')).toEqual(["'self'", 'https://fhir.hospital.example']);
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://fhir.hospital.example']);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'self'", 'https://ehr.hospital.example']);
  });

  it('authorization server on another origin (Canvas-style): both origins for fetches and form posts', () => {
    const policy = csp(deployment([{ issuer: 'https://fumage-clinic.canvasmedical.com', authOrigins: ['https://clinic.canvasmedical.com/'] }]));
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://clinic.canvasmedical.com', 'https://fumage-clinic.canvasmedical.com']);
    expect(directive(policy, 'form-action')).toEqual(["'self'", 'https://clinic.canvasmedical.com', 'https://fumage-clinic.canvasmedical.com']);
    // The silent re-authorization after a reload frames the authorization server.
    expect(directive(policy, 'frame-src')).toEqual(["'self'", 'https://clinic.canvasmedical.com', 'https://fumage-clinic.canvasmedical.com']);
  });

  it('issuerPattern multi-tenant: the literal origin of the pattern, or the configured host wildcard', () => {
    const perPath = deployment([{ issuerPattern: 'https://ehr\\.example\\.com/[a-z0-9-]+/fhir' }]);
    expect(directive(csp(perPath), 'connect-src')).toEqual(["'self'", 'https://ehr.example.com']);
    expect(directive(csp(perPath), 'form-action')).toEqual(["'self'", 'https://ehr.example.com']);

    const perHost = deployment([{ issuerPattern: 'https://[a-z0-9-]+\\.ehr\\.example\\.com/fhir', fhirOrigins: ['https://*.ehr.example.com'] }]);
    expect(directive(csp(perHost), 'connect-src')).toEqual(["'self'", 'https://*.ehr.example.com']);
    expect(directive(csp(perHost), 'form-action')).toEqual(["'self'", 'https://*.ehr.example.com']);
    expect(serversWithoutFhirOrigin(perHost)).toEqual([]);
    // Without fhirOrigins the CSP would block every tenant: the generator refuses such a configuration.
    expect(serversWithoutFhirOrigin(deployment([{ issuer: 'https://a.example/fhir' }, { issuerPattern: 'https://[a-z]+\\.ehr\\.example\\.com/fhir' }]))).toEqual([1]);
  });

  it('JWKS on another origin: fetched (id_token keys), never a form target', () => {
    const policy = csp(deployment([{ issuer: 'https://fhir.example.org/r4', authOrigins: ['https://login.example.org'], jwksOrigins: ['https://keys.example.org'] }]));
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://fhir.example.org', 'https://keys.example.org', 'https://login.example.org']);
    expect(directive(policy, 'form-action')).toEqual(["'self'", 'https://fhir.example.org', 'https://login.example.org']);
  });

  it('EHR-hosted smart_style_url: the style origin is fetched; framing stays limited to ehrOrigins', () => {
    const policy = csp(deployment([{ issuer: 'https://fhir.example.org/r4', styleOrigins: ['https://ehr.example.org'] }], ['https://ehr.example.org']));
    expect(directive(policy, 'connect-src')).toEqual(["'self'", 'https://ehr.example.org', 'https://fhir.example.org']);
    expect(directive(policy, 'form-action')).toEqual(["'self'", 'https://fhir.example.org']);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'self'", 'https://ehr.example.org']);
  });
});

describe('security headers', () => {
  const config = deployment([{ issuer: 'https://fhir.example.org/r4' }]);

  it('scripts and workers only from the app, no inline script, no plugins, no base, framing only by itself by default', () => {
    const policy = csp(config);
    expect(directive(policy, 'script-src')).toEqual(["'self'"]);
    expect(directive(policy, 'worker-src')).toEqual(["'self'"]);
    expect(policy).not.toContain('unsafe-');
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(directive(policy, 'base-uri')).toEqual(["'none'"]);
    expect(directive(policy, 'frame-ancestors')).toEqual(["'self'"]);
  });

  it('HSTS only over TLS', () => {
    expect(securityHeaders(config)).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(config, { tls: true })['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(securityHeaders(config)['Referrer-Policy']).toBe('no-referrer');
    expect(securityHeaders(config)['X-Content-Type-Options']).toBe('nosniff');
  });

  it.each([
    ['https://ehr\\.example\\.com/[a-z]+/fhir', 'https://ehr.example.com'],
    ['^https://ehr\\.example\\.com:8443/fhir/.*', 'https://ehr.example.com:8443'],
    ['http://127\\.0\\.0\\.1:4500/fhir', 'http://127.0.0.1:4500'],
    ['https://[^/]+\\.ehr\\.example\\.com/fhir', undefined],
    ['https://ehr\\.example\\.(com|org)/fhir', undefined],
    ['https://ehr.example.com/fhir', undefined], // an unescaped dot matches any character: not literal
    ['https://ehr\\.example\\.com(\\.evil\\.org)?/fhir', undefined],
  ])('the literal origin of the pattern %s is %s', (pattern, origin) => {
    expect(patternOrigin(pattern)).toBe(origin);
  });
});
