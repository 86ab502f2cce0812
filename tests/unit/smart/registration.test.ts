import { describe, expect, it, vi } from 'vitest';
import { canVerifyIdToken } from '../../../src/smart/beginLaunch';
import { forgetRegisteredClient, registeredClientId } from '../../../src/smart/registration';
import { buildScope } from '../../../src/smart/scopes';
import { expectLaunchError, rejectionOf } from './launchErrors';
import { MemoryStorage } from './pendingRecord';

const ISS = 'https://s4s.example/fhir';
const ENDPOINT = 'https://s4s.example/register';
const REDIRECT = 'https://app.example/callback';
const SCOPE = 'launch/patient patient/*.read offline_access';

function registrar(answer: () => Response = () => Response.json({ client_id: 'dyn-1' }, { status: 201 })) {
  return vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => answer());
}

const register = (fetchImpl: typeof fetch, storage: Storage, overrides: Partial<Parameters<typeof registeredClientId>[0]> = {}) =>
  registeredClientId({ iss: ISS, registrationEndpoint: ENDPOINT, redirectUri: REDIRECT, scope: SCOPE, fetchImpl, storage, ...overrides });

describe('dynamic client registration (RFC 7591)', () => {
  it('registers as a public client with its redirect URI, grants and scopes', async () => {
    const fetchImpl = registrar();
    expect(await register(fetchImpl as typeof fetch, new MemoryStorage())).toBe('dyn-1');
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe(ENDPOINT);
    expect(JSON.parse(String(init!.body))).toEqual({
      client_name: 'SMART Chart',
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      scope: SCOPE,
    });
  });

  it('keeps the client_id per server and reuses it; other scopes register anew', async () => {
    const storage = new MemoryStorage();
    const fetchImpl = registrar();
    await register(fetchImpl as typeof fetch, storage);
    expect(await register(fetchImpl as typeof fetch, storage)).toBe('dyn-1');
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    await register(fetchImpl as typeof fetch, storage, { scope: `${SCOPE} launch/encounter` });
    expect(fetchImpl).toHaveBeenCalledTimes(2);
    forgetRegisteredClient(ISS, REDIRECT, storage);
    await register(fetchImpl as typeof fetch, storage);
    expect(fetchImpl).toHaveBeenCalledTimes(3);
  });

  it.each([
    ['a refusal', () => Response.json({ error: 'invalid_client_metadata' }, { status: 400 }), 'HTTP 400 (invalid_client_metadata)'],
    ['an answer without client_id', () => Response.json({}, { status: 201 }), 'HTTP 201'],
    ['a non-JSON answer', () => new Response('<html>', { status: 500 }), 'HTTP 500'],
  ])('a failed registration is a clear error: %s', async (_label, answer, detail) => {
    expectLaunchError(await rejectionOf(register(registrar(answer) as typeof fetch, new MemoryStorage())), 'registration_failed', detail);
  });

  it('a server without registration_endpoint asks for a configured clientId', async () => {
    expectLaunchError(await rejectionOf(register(registrar() as typeof fetch, new MemoryStorage(), { registrationEndpoint: undefined })), 'registration_failed', 'set this server’s clientId');
  });
});

describe('servers that cannot verify an id_token (SMART v1, CapabilityStatement discovery)', () => {
  it('are not asked for openid or fhirUser; others keep them', () => {
    const v1 = { capabilities: ['launch-standalone', 'permission-v1'] };
    expect(canVerifyIdToken(v1)).toBe(false);
    expect(canVerifyIdToken({ capabilities: ['sso-openid-connect'], issuer: 'https://a', jwksUri: 'https://a/jwks' })).toBe(true);
    expect(buildScope('launch/patient openid fhirUser patient/*.read offline_access', 'v1', 'standalone', false)).toBe('launch/patient patient/*.read offline_access');
    expect(buildScope('launch/patient openid fhirUser patient/Patient.rs', 'v2', 'standalone')).toBe('launch/patient openid fhirUser patient/Patient.rs');
  });
});
