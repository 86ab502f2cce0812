import { describe, expect, it, vi } from 'vitest';
import { discover, fromCapabilityStatement, validateSmartConfiguration } from '../../../src/smart/discovery';
import { scopeSyntaxFor } from '../../../src/smart/scopes';
import { expectLaunchError, rejectionOf, thrownBy } from './launchErrors';

const ISS = 'https://ehr.example/fhir';
const OAUTH_URIS = 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris';
const CAPABILITIES = 'http://fhir-registry.smarthealthit.org/StructureDefinition/capabilities';

const validDoc = () => ({
  issuer: 'https://auth.example',
  jwks_uri: 'https://auth.example/jwks',
  authorization_endpoint: 'https://auth.example/authorize',
  token_endpoint: 'https://auth.example/token',
  revocation_endpoint: 'https://auth.example/revoke',
  grant_types_supported: ['authorization_code', 'refresh_token'],
  code_challenge_methods_supported: ['S256'],
  scopes_supported: ['openid', 'launch', 'patient/*.rs'],
  capabilities: ['launch-ehr', 'client-public', 'permission-v2', 'sso-openid-connect'],
});

const capabilityStatement = (uris: Record<string, string>, capabilities: string[] = []) => ({
  resourceType: 'CapabilityStatement',
  rest: [
    {
      mode: 'server',
      security: {
        extension: [
          { url: OAUTH_URIS, extension: Object.entries(uris).map(([url, valueUri]) => ({ url, valueUri })) },
          ...capabilities.map((valueCode) => ({ url: CAPABILITIES, valueCode })),
        ],
      },
    },
  ],
});

describe('validateSmartConfiguration', () => {
  it('accepts a complete document', () => {
    expect(validateSmartConfiguration(validDoc(), ISS)).toEqual({
      issuer: 'https://auth.example',
      authorizationEndpoint: 'https://auth.example/authorize',
      tokenEndpoint: 'https://auth.example/token',
      revocationEndpoint: 'https://auth.example/revoke',
      jwksUri: 'https://auth.example/jwks',
      capabilities: ['launch-ehr', 'client-public', 'permission-v2', 'sso-openid-connect'],
      codeChallengeMethods: ['S256'],
      scopesSupported: ['openid', 'launch', 'patient/*.rs'],
      source: 'well-known',
      warnings: [],
    });
  });

  it.each(['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'revocation_endpoint'])('refuses a plain-http %s (https only, except on loopback)', (field) => {
    const doc = { ...validDoc(), [field]: 'http://auth.example/x' };
    expectLaunchError(thrownBy(() => validateSmartConfiguration(doc, ISS)), 'discovery_invalid', `"${field}" must use https`);
  });

  it('accepts http endpoints on loopback (the sandbox, a developer machine)', () => {
    const doc = { ...validDoc(), authorization_endpoint: 'http://127.0.0.1:4400/auth', token_endpoint: 'http://127.0.0.1:4400/token' };
    expect(validateSmartConfiguration(doc, 'http://127.0.0.1:4500/fhir').tokenEndpoint).toBe('http://127.0.0.1:4400/token');
  });

  it.each([
    ['relative to the base', 'auth/authorize', 'oauth/token', 'https://ehr.example/fhir/auth/authorize', 'https://ehr.example/fhir/oauth/token'],
    ['origin-relative', '/auth/authorize', '/oauth/token', 'https://ehr.example/auth/authorize', 'https://ehr.example/oauth/token'],
  ])('resolves %s endpoint URLs against the FHIR base', (_label, authorize, token, expectedAuthorize, expectedToken) => {
    const result = validateSmartConfiguration({ ...validDoc(), authorization_endpoint: authorize, token_endpoint: token }, ISS);
    expect(result.authorizationEndpoint).toBe(expectedAuthorize);
    expect(result.tokenEndpoint).toBe(expectedToken);
  });

  it('resolves relative URLs the same way when the base has a trailing slash', () => {
    const result = validateSmartConfiguration({ ...validDoc(), token_endpoint: 'token' }, `${ISS}/`);
    expect(result.tokenEndpoint).toBe('https://ehr.example/fhir/token');
  });

  it.each(['token_endpoint', 'authorization_endpoint'] as const)('rejects a document without %s, naming the field', (field) => {
    const doc: Record<string, unknown> = validDoc();
    delete doc[field];
    expectLaunchError(thrownBy(() => validateSmartConfiguration(doc, ISS)), 'discovery_invalid', `"${field}"`);
  });

  it('rejects an empty token_endpoint as missing', () => {
    expectLaunchError(thrownBy(() => validateSmartConfiguration({ ...validDoc(), token_endpoint: '' }, ISS)), 'discovery_invalid', '"token_endpoint"');
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['not a list', 'launch-ehr'],
  ])('rejects a document whose capabilities are %s', (_label, capabilities) => {
    expectLaunchError(thrownBy(() => validateSmartConfiguration({ ...validDoc(), capabilities }, ISS)), 'discovery_invalid', '"capabilities"');
  });

  it.each<[string, unknown]>([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<b>hi</b>'],
    ['a number', 42],
  ])('rejects an authorization_endpoint that is %s', (_label, value) => {
    expectLaunchError(
      thrownBy(() => validateSmartConfiguration({ ...validDoc(), authorization_endpoint: value }, ISS)),
      'discovery_invalid',
      '"authorization_endpoint" is not a valid URL',
    );
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['an array', [validDoc()]],
    ['a string', 'smart'],
  ])('rejects a document that is %s', (_label, raw) => {
    expectLaunchError(thrownBy(() => validateSmartConfiguration(raw, ISS)), 'discovery_invalid', 'not a JSON object');
  });

  it('only warns when S256 is not advertised', () => {
    const result = validateSmartConfiguration({ ...validDoc(), code_challenge_methods_supported: ['plain'] }, ISS);
    expect(result.codeChallengeMethods).toEqual(['plain']);
    expect(result.warnings).toEqual([expect.stringContaining('S256')]);
  });

  it('only warns when code_challenge_methods_supported is absent', () => {
    const doc: Record<string, unknown> = validDoc();
    delete doc.code_challenge_methods_supported;
    const result = validateSmartConfiguration(doc, ISS);
    expect(result.codeChallengeMethods).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('S256')]);
  });

  it('only warns when grant_types_supported is absent', () => {
    const doc: Record<string, unknown> = validDoc();
    delete doc.grant_types_supported;
    expect(validateSmartConfiguration(doc, ISS).warnings).toEqual([expect.stringContaining('grant_types_supported')]);
  });

  it('rejects a server whose grant types do not include authorization_code', () => {
    expectLaunchError(
      thrownBy(() => validateSmartConfiguration({ ...validDoc(), grant_types_supported: ['client_credentials'] }, ISS)),
      'discovery_invalid',
      'authorization_code',
    );
  });

  it('rejects sso-openid-connect without an issuer', () => {
    const doc: Record<string, unknown> = validDoc();
    delete doc.issuer;
    expectLaunchError(thrownBy(() => validateSmartConfiguration(doc, ISS)), 'discovery_invalid', '"issuer"');
  });

  it('rejects sso-openid-connect without a jwks_uri', () => {
    const doc: Record<string, unknown> = validDoc();
    delete doc.jwks_uri;
    expectLaunchError(thrownBy(() => validateSmartConfiguration(doc, ISS)), 'discovery_invalid', '"jwks_uri"');
  });

  it('needs neither issuer nor jwks_uri without sso-openid-connect', () => {
    const { issuer: _issuer, jwks_uri: _jwks, ...doc } = validDoc();
    const result = validateSmartConfiguration({ ...doc, capabilities: ['launch-ehr', 'permission-v2'] }, ISS);
    expect(result.issuer).toBeUndefined();
    expect(result.jwksUri).toBeUndefined();
  });
});

describe('fromCapabilityStatement', () => {
  it('reads the oauth-uris extension', () => {
    const result = fromCapabilityStatement(
      capabilityStatement({ authorize: 'https://auth.example/authorize', token: 'https://auth.example/token', revoke: 'https://auth.example/revoke' }, ['launch-ehr', 'permission-v1']),
      ISS,
    );
    expect(result).toMatchObject({
      authorizationEndpoint: 'https://auth.example/authorize',
      tokenEndpoint: 'https://auth.example/token',
      revocationEndpoint: 'https://auth.example/revoke',
      capabilities: ['launch-ehr', 'permission-v1'],
      codeChallengeMethods: [],
      source: 'capability-statement',
    });
    expect(result.warnings).toHaveLength(1);
  });

  it('accepts valueUrl as well as valueUri and resolves relative URIs against the base', () => {
    const statement = {
      resourceType: 'CapabilityStatement',
      rest: [{ security: { extension: [{ url: OAUTH_URIS, extension: [{ url: 'authorize', valueUrl: '/authorize' }, { url: 'token', valueUri: 'token' }] }] } }],
    };
    const result = fromCapabilityStatement(statement, ISS);
    expect(result.authorizationEndpoint).toBe('https://ehr.example/authorize');
    expect(result.tokenEndpoint).toBe('https://ehr.example/fhir/token');
    expect(result.revocationEndpoint).toBeUndefined();
  });

  it('assumes SMART v1 scopes when no capabilities are listed', () => {
    const result = fromCapabilityStatement(capabilityStatement({ authorize: 'https://a/authorize', token: 'https://a/token' }), ISS);
    expect(result.capabilities).toEqual(['permission-v1']);
    expect(scopeSyntaxFor(result.capabilities)).toBe('v1');
  });

  it('assumes SMART v1 scopes when the listed capabilities say nothing about permissions', () => {
    // The CapabilityStatement route is SMART v1 (permission-v2 servers must publish .well-known): v2 scopes would
    // be refused there.
    const result = fromCapabilityStatement(
      capabilityStatement({ authorize: 'https://a/authorize', token: 'https://a/token' }, ['launch-ehr', 'client-public']),
      ISS,
    );
    expect(result.capabilities).toEqual(expect.arrayContaining(['launch-ehr', 'client-public']));
    expect(scopeSyntaxFor(result.capabilities)).toBe('v1');
  });

  it('keeps an explicit permission-v2', () => {
    const result = fromCapabilityStatement(
      capabilityStatement({ authorize: 'https://a/authorize', token: 'https://a/token' }, ['launch-ehr', 'permission-v2']),
      ISS,
    );
    expect(scopeSyntaxFor(result.capabilities)).toBe('v2');
  });

  it.each<[string, unknown]>([
    ['no rest', { resourceType: 'CapabilityStatement' }],
    ['no security', { resourceType: 'CapabilityStatement', rest: [{ mode: 'server' }] }],
    ['only other extensions', { resourceType: 'CapabilityStatement', rest: [{ security: { extension: [{ url: CAPABILITIES, valueCode: 'launch-ehr' }] } }] }],
    ['nothing at all', undefined],
  ])('reports a server with %s as publishing no SMART configuration', (_label, raw) => {
    expectLaunchError(thrownBy(() => fromCapabilityStatement(raw, ISS)), 'discovery_failed', 'no SMART configuration');
  });

  it('rejects oauth-uris without a token URI', () => {
    expectLaunchError(
      thrownBy(() => fromCapabilityStatement(capabilityStatement({ authorize: 'https://a/authorize' }), ISS)),
      'discovery_invalid',
      '"token"',
    );
  });
});

type Route = () => Response | Promise<Response>;

/** A fetch that answers from `routes` by URL and records what was asked; unknown URLs throw. */
function fakeFetch(routes: Record<string, Route>) {
  return vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = String(input);
    const route = routes[url];
    if (!route) throw new Error(`unexpected fetch ${url}`);
    return route();
  });
}

const json = (body: unknown, status = 200) => () => Response.json(body, { status });
const status = (code: number) => () => new Response('nope', { status: code });
const WELL_KNOWN = `${ISS}/.well-known/smart-configuration`;
const METADATA = `${ISS}/metadata`;

describe('discover', () => {
  it('uses .well-known/smart-configuration under the base and does not ask for metadata', async () => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: json(validDoc()) });
    const result = await discover(ISS, fetchImpl as typeof fetch);
    expect(result.source).toBe('well-known');
    expect(result.tokenEndpoint).toBe('https://auth.example/token');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(fetchImpl.mock.calls[0]![1]).toMatchObject({ headers: { Accept: 'application/json' } });
  });

  it('does not double the slash when the base ends with one', async () => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: json(validDoc()) });
    await discover(`${ISS}/`, fetchImpl as typeof fetch);
    expect(fetchImpl.mock.calls.map(([url]) => String(url))).toEqual([WELL_KNOWN]);
  });

  it('passes the abort signal on', async () => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: json(validDoc()) });
    const signal = new AbortController().signal;
    await discover(ISS, fetchImpl as typeof fetch, signal);
    expect(fetchImpl.mock.calls[0]![1]?.signal).toBe(signal);
  });

  it('validates the .well-known document (no fallback when it is invalid)', async () => {
    const { token_endpoint: _token, ...doc } = validDoc();
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: json(doc), [METADATA]: json(capabilityStatement({ authorize: 'https://a/authorize', token: 'https://a/token' })) });
    expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_invalid', '"token_endpoint"');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('falls back to the CapabilityStatement when .well-known is 404', async () => {
    const fetchImpl = fakeFetch({
      [WELL_KNOWN]: status(404),
      [METADATA]: json(capabilityStatement({ authorize: 'https://a/authorize', token: 'https://a/token' })),
    });
    const result = await discover(ISS, fetchImpl as typeof fetch);
    expect(result.source).toBe('capability-statement');
    expect(result.authorizationEndpoint).toBe('https://a/authorize');
    expect(fetchImpl.mock.calls.map(([url]) => String(url))).toEqual([WELL_KNOWN, METADATA]);
  });

  it.each([500, 502, 401, 403])('treats HTTP %s on .well-known as an error without trying metadata', async (code) => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: status(code), [METADATA]: json(capabilityStatement({ authorize: 'https://a/a', token: 'https://a/t' })) });
    expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_failed', `HTTP ${code}`);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
  });

  it('fails when both .well-known and metadata are unavailable', async () => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: status(404), [METADATA]: status(404) });
    expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_failed', 'HTTP 404');
  });

  it('fails when metadata has no SMART extension', async () => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: status(404), [METADATA]: json({ resourceType: 'CapabilityStatement', rest: [{ mode: 'server' }] }) });
    expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_failed');
  });

  it('reports a non-JSON .well-known answer as discovery_invalid', async () => {
    const fetchImpl = fakeFetch({ [WELL_KNOWN]: () => new Response('<html>Sign in</html>', { status: 200, headers: { 'content-type': 'text/html' } }) });
    expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_invalid', 'did not return JSON');
  });

  it('reports a network failure as discovery_failed', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_failed', WELL_KNOWN);
    expect(error.detail).not.toContain('Failed to fetch');
  });

  it('reports a network failure on the metadata fallback as discovery_failed', async () => {
    const fetchImpl = fakeFetch({
      [WELL_KNOWN]: status(404),
      [METADATA]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expectLaunchError(await rejectionOf(discover(ISS, fetchImpl as typeof fetch)), 'discovery_failed', METADATA);
  });
});
