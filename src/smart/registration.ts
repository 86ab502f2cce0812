// Dynamic client registration (RFC 7591) for servers that have no client registered in advance (the S4S
// reference server, for one): the app registers itself as a public client, once per server and redirect URI,
// and reuses the client_id it was given. localStorage is fine for that: a client_id is a public identifier.
import { SmartLaunchError } from './errors';

const PREFIX = 'smart.client.';

interface Registered {
  clientId: string;
  scope: string;
}

export interface RegistrationRequest {
  iss: string;
  registrationEndpoint?: string;
  redirectUri: string;
  scope: string;
  fetchImpl?: typeof fetch;
  storage?: Storage;
}

const keyFor = (iss: string, redirectUri: string) => `${PREFIX}${iss}|${redirectUri}`;

function stored(storage: Storage, key: string): Registered | undefined {
  try {
    const value = JSON.parse(storage.getItem(key) ?? 'null') as Partial<Registered> | null;
    return typeof value?.clientId === 'string' && typeof value.scope === 'string' ? (value as Registered) : undefined;
  } catch {
    return undefined;
  }
}

/** The client_id to use at `iss`: the one registered before for these scopes, or a new registration. */
export async function registeredClientId({ iss, registrationEndpoint, redirectUri, scope, fetchImpl = fetch, storage = localStorage }: RegistrationRequest): Promise<string> {
  const key = keyFor(iss, redirectUri);
  const known = stored(storage, key);
  if (known && known.scope === scope) return known.clientId;
  if (!registrationEndpoint) {
    throw new SmartLaunchError('registration_failed', 'The server offers no dynamic registration (registration_endpoint): set this server’s clientId in smart-config.json.');
  }
  let response: Response;
  try {
    response = await fetchImpl(registrationEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        client_name: 'SMART Chart',
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        scope,
      }),
    });
  } catch {
    throw new SmartLaunchError('registration_failed', `Could not reach ${registrationEndpoint}.`);
  }
  const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || typeof body?.client_id !== 'string' || !body.client_id) {
    const error = typeof body?.error === 'string' ? ` (${body.error.slice(0, 80)})` : '';
    throw new SmartLaunchError('registration_failed', `The server refused to register the app: HTTP ${response.status}${error}.`);
  }
  storage.setItem(key, JSON.stringify({ clientId: body.client_id, scope } satisfies Registered));
  return body.client_id;
}

/** The server no longer knows the registered client (invalid_client): register again next time. */
export function forgetRegisteredClient(iss: string, redirectUri: string, storage: Storage = localStorage): void {
  storage.removeItem(keyFor(iss, redirectUri));
}
