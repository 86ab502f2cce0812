import { describe, expect, it, vi } from 'vitest';
import { assertSafePatterns, findServer, loadConfig, parseConfig, type AppConfig } from '../../../src/smart/config';
import { expectLaunchError, rejectionOf, thrownBy } from './launchErrors';

const scopes = { ehr: 'launch openid fhirUser patient/*.rs', standalone: 'launch/patient openid fhirUser patient/*.rs' };
const server = (overrides: Record<string, unknown> = {}) => ({
  id: 'ehr',
  name: 'Example EHR',
  issuer: 'https://ehr.example/fhir',
  clientId: 'client-1',
  scopes,
  ...overrides,
});

describe('parseConfig', () => {
  it('reads a valid configuration', () => {
    const config = parseConfig({
      servers: [
        server(),
        { id: 'tenants', name: 'Hosted EHR', issuerPattern: 'https://hosted\\.example/[a-z]+/fhir', clientId: 'client-2', scopes, popupWhenFramed: true },
      ],
      ehrOrigins: ['https://ehr.example'],
    });
    expect(config).toEqual({
      servers: [
        { id: 'ehr', name: 'Example EHR', issuer: 'https://ehr.example/fhir', issuerPattern: undefined, clientId: 'client-1', register: false, scopes, standalone: true, popupWhenFramed: false },
        { id: 'tenants', name: 'Hosted EHR', issuer: undefined, issuerPattern: 'https://hosted\\.example/[a-z]+/fhir', clientId: 'client-2', register: false, scopes, standalone: false, popupWhenFramed: true },
      ],
      ehrOrigins: ['https://ehr.example'],
    });
  });

  it('registers dynamically when the server has no clientId, or says register: true', () => {
    const [without, explicit] = parseConfig({ servers: [server({ clientId: undefined }), server({ id: 'b', register: true })] }).servers;
    expect(without).toMatchObject({ register: true });
    expect(without).not.toHaveProperty('clientId');
    expect(explicit).toMatchObject({ register: true, clientId: 'client-1' });
  });

  it('defaults ehrOrigins to an empty list', () => {
    expect(parseConfig({ servers: [server()] }).ehrOrigins).toEqual([]);
  });

  it('honours an explicit standalone flag', () => {
    expect(parseConfig({ servers: [server({ standalone: false })] }).servers[0]!.standalone).toBe(false);
    expect(parseConfig({ servers: [server({ issuer: undefined, issuerPattern: 'https://x\\.example/fhir', standalone: true })] }).servers[0]!.standalone).toBe(true);
  });

  it('drops unknown fields of a server', () => {
    expect(parseConfig({ servers: [server({ clientSecret: 'shh' })] }).servers[0]).not.toHaveProperty('clientSecret');
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'the file must hold a JSON object'],
    ['null', null, 'the file must hold a JSON object'],
    ['without servers', {}, '"servers" must list at least one FHIR server'],
    ['with an empty server list', { servers: [] }, '"servers" must list at least one FHIR server'],
    ['with servers that are not a list', { servers: server() }, '"servers" must list at least one FHIR server'],
    ['with a server that is not an object', { servers: [server(), 'ehr'] }, 'servers[1] must be an object'],
    ['with a server without id', { servers: [server({ id: undefined })] }, 'servers[0].id is missing'],
    ['with a blank id', { servers: [server({ id: '  ' })] }, 'servers[0].id is missing'],
    ['with a server without name', { servers: [server({ name: undefined })] }, 'servers[0].name is missing'],
    ['with an empty clientId', { servers: [server(), server({ id: 'b', clientId: '' })] }, 'servers[1].clientId must be a non-empty string'],
    ['with a numeric clientId', { servers: [server({ clientId: 7 })] }, 'servers[0].clientId must be a non-empty string'],
    ['with a non-boolean register', { servers: [server({ register: 'yes' })] }, 'servers[0].register must be true or false'],
    ['with neither issuer nor issuerPattern', { servers: [server({ issuer: undefined })] }, 'servers[0] needs "issuer" or "issuerPattern"'],
    ['with a non-URL issuer', { servers: [server({ issuer: 'ehr.example/fhir' })] }, 'servers[0].issuer is not a URL'],
    ['with a plain-http issuer', { servers: [server({ issuer: 'http://ehr.example/fhir' })] }, 'servers[0].issuer must use https'],
    ['with a query in the issuer', { servers: [server({ issuer: 'https://ehr.example/fhir?x=1' })] }, 'servers[0].issuer must not contain a query'],
    ['with an ftp issuer', { servers: [server({ issuer: 'ftp://ehr.example/fhir' })] }, 'servers[0].issuer is not an http(s) URL'],
    ['with an empty issuer', { servers: [server({ issuer: '' })] }, 'servers[0].issuer must be a URL'],
    ['with a non-string issuerPattern', { servers: [server({ issuer: undefined, issuerPattern: 42 })] }, 'servers[0].issuerPattern must be a string'],
    ['with a bad issuerPattern regex', { servers: [server({ issuer: undefined, issuerPattern: 'https://(ehr\\.example/fhir' })] }, 'servers[0].issuerPattern is not a valid regular expression'],
    ['without scopes', { servers: [server({ scopes: undefined })] }, 'servers[0].scopes needs "ehr" and "standalone" scope strings'],
    ['without standalone scopes', { servers: [server({ scopes: { ehr: 'launch' } })] }, 'servers[0].scopes needs "ehr" and "standalone"'],
    ['with blank ehr scopes', { servers: [server({ scopes: { ehr: ' ', standalone: 'openid' } })] }, 'servers[0].scopes needs "ehr" and "standalone"'],
    ['with a duplicate id', { servers: [server(), server({ issuer: 'https://other.example/fhir' })] }, 'server id "ehr" is used twice'],
    ['with ehrOrigins that are not a list', { servers: [server()], ehrOrigins: 'https://ehr.example' }, '"ehrOrigins" must be a list of http(s) origins'],
    ['with a non-URL ehrOrigin', { servers: [server()], ehrOrigins: ['https://ehr.example', 'ehr.example'] }, '"ehrOrigins" must be a list of http(s) origins'],
  ])('rejects a configuration %s', (_label, raw, detail) => {
    const error = expectLaunchError(thrownBy(() => parseConfig(raw)), 'config_invalid', detail);
    expect(error.detail).toMatch(/^smart-config\.json: /);
  });
});

describe('loadConfig', () => {
  const valid = { servers: [server()] };

  it('fetches the file as index.html preloads it (default cache mode; the server says no-cache) and parses it', async () => {
    const fetchImpl = vi.fn(async () => Response.json(valid));
    const config = await loadConfig('/config/smart.json', fetchImpl as typeof fetch);
    expect(config.servers.map((s) => s.id)).toEqual(['ehr']);
    expect(fetchImpl).toHaveBeenCalledWith('/config/smart.json');
  });

  it('defaults to /smart-config.json', async () => {
    const fetchImpl = vi.fn(async () => Response.json(valid));
    await loadConfig(undefined, fetchImpl as typeof fetch);
    expect(fetchImpl).toHaveBeenCalledWith('/smart-config.json');
  });

  it('reports a 404', async () => {
    const fetchImpl = vi.fn(async () => new Response('Not found', { status: 404 }));
    expectLaunchError(await rejectionOf(loadConfig('/smart-config.json', fetchImpl as typeof fetch)), 'config_invalid', 'HTTP 404 for /smart-config.json');
  });

  it('reports a file that is not JSON', async () => {
    const fetchImpl = vi.fn(async () => new Response('{ "servers": [', { status: 200 }));
    expectLaunchError(await rejectionOf(loadConfig('/smart-config.json', fetchImpl as typeof fetch)), 'config_invalid', 'not valid JSON');
  });

  it('reports a network error', async () => {
    const fetchImpl = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expectLaunchError(await rejectionOf(loadConfig('/smart-config.json', fetchImpl as typeof fetch)), 'config_invalid', 'could not be fetched');
  });

  it('validates what it loaded', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ servers: [server({ clientId: '' })] }));
    expectLaunchError(await rejectionOf(loadConfig('/smart-config.json', fetchImpl as typeof fetch)), 'config_invalid', 'servers[0].clientId must be a non-empty string');
  });
});

describe('assertSafePatterns (ReDoS)', () => {
  it.each(['https://ehr\\.example\\.com/([a-z0-9]+-?)+/fhir', 'https://(a+)+\\.example/fhir', 'https://x\\.example/(\\w*)*'])(
    'refuses %s, whose nested repetition can backtrack without end',
    async (pattern) => {
      const config = parseConfig({ servers: [server({ id: 'bad', issuer: undefined, issuerPattern: pattern })] });
      expectLaunchError(await rejectionOf(assertSafePatterns(config)), 'config_invalid', 'nested repetition');
    },
  );

  it('accepts the patterns multi-tenant EHRs need', async () => {
    const config = parseConfig({
      servers: [
        server({ id: 'a', issuer: undefined, issuerPattern: 'https://hosted\\.example/tenants/[a-z0-9-]+/fhir' }),
        server({ id: 'b', issuer: undefined, issuerPattern: 'https://[^/]+\\.ehr\\.example\\.com/fhir' }),
      ],
    });
    await expect(assertSafePatterns(config)).resolves.toBeUndefined();
  });

  it('loadConfig refuses such a file', async () => {
    const fetchImpl = vi.fn(async () => Response.json({ servers: [server({ issuer: undefined, issuerPattern: 'https://e\\.example/([a-z]+-?)+' })] }));
    expectLaunchError(await rejectionOf(loadConfig('/smart-config.json', fetchImpl as typeof fetch)), 'config_invalid', 'nested repetition');
  });
});

describe('findServer', () => {
  const config: AppConfig = parseConfig({
    servers: [
      server({ id: 'exact', issuer: 'https://ehr.example/fhir' }),
      server({ id: 'slashed', issuer: 'https://other.example/r4/' }),
      server({ id: 'tenants', issuer: undefined, issuerPattern: 'https://hosted\\.example/tenants/[a-z0-9-]+/fhir' }),
      server({ id: 'either', issuer: undefined, issuerPattern: 'https://a\\.example/fhir|https://b\\.example/fhir' }),
    ],
  });
  const idFor = (iss: string) => findServer(config, iss)?.id;

  it.each([
    ['https://ehr.example/fhir', 'exact'],
    ['https://ehr.example/fhir/', 'exact'],
    ['https://other.example/r4', 'slashed'],
    ['https://other.example/r4/', 'slashed'],
    ['https://hosted.example/tenants/acme-1/fhir', 'tenants'],
    ['https://hosted.example/tenants/acme-1/fhir/', 'tenants'],
    ['https://a.example/fhir', 'either'],
    ['https://b.example/fhir', 'either'],
  ])('%s belongs to %s', (iss, id) => {
    expect(idFor(iss)).toBe(id);
  });

  it.each([
    'https://ehr.example/fhir-evil',
    'https://ehr.example/fhirX',
    'https://ehr.example/fhir/evil',
    'https://ehr.example',
    'https://ehr.example.evil.test/fhir',
    'http://ehr.example/fhir',
    'https://hosted.example/tenants/acme/fhir-evil',
    'https://hosted.example/tenants/acme/fhir/x',
    'https://evil.test/?https://hosted.example/tenants/acme/fhir',
    'https://hosted.example/tenants/ACME/fhir',
    'https://a.example/fhir/evil',
    'https://evil.test/https://b.example/fhir',
  ])('%s belongs to no server', (iss) => {
    expect(idFor(iss)).toBeUndefined();
  });

  describe('an iss smuggled past a subdomain pattern never matches (userinfo, query, fragment, backslash, non-canonical)', () => {
    const tenants = parseConfig({
      servers: [server({ id: 'sub', issuer: undefined, issuerPattern: 'https://[^/]+\\.ehr\\.example\\.com/fhir' })],
    });
    it('a genuine tenant matches', () => {
      expect(findServer(tenants, 'https://north.ehr.example.com/fhir')?.id).toBe('sub');
      expect(findServer(tenants, 'https://north.ehr.example.com/fhir/')?.id).toBe('sub');
    });
    it.each([
      ['a query', 'https://evil.example?.ehr.example.com/fhir'],
      ['a fragment', 'https://evil.example#.ehr.example.com/fhir'],
      ['a backslash', 'https://evil.example\\x.ehr.example.com/fhir'],
      ['userinfo', 'https://u@evil.example?.ehr.example.com/fhir'],
      ['userinfo before a tenant host', 'https://north.ehr.example.com@evil.example/fhir'],
      ['an upper-case host (non-canonical)', 'https://NORTH.ehr.example.com/fhir'],
      ['an explicit default port (non-canonical)', 'https://north.ehr.example.com:443/fhir'],
      ['dot segments (non-canonical)', 'https://north.ehr.example.com/x/../fhir'],
      ['plain http', 'http://north.ehr.example.com/fhir'],
      ['a tab', 'https://north.ehr.example.com/fh\tir'],
      ['more than 2 KiB', `https://north.ehr.example.com/fhir${'/a'.repeat(1100)}`],
    ])('%s', (_label, iss) => {
      expect(findServer(tenants, iss)).toBeUndefined();
    });
  });

  it('allows http only on loopback (a developer machine, the sandbox)', () => {
    const local = parseConfig({ servers: [server({ id: 'local', issuer: 'http://127.0.0.1:4500/fhir' })] });
    expect(findServer(local, 'http://127.0.0.1:4500/fhir')?.id).toBe('local');
    expectLaunchError(thrownBy(() => parseConfig({ servers: [server({ issuer: 'http://10.0.0.1/fhir' })] })), 'config_invalid', 'must use https');
  });

  it('matches an escaped dot in a pattern literally', () => {
    expect(idFor('https://hostedXexample/tenants/acme/fhir')).toBeUndefined();
  });
});
