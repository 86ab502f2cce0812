// A pending-launch record as beginLaunch would save it, for the pendingLaunch and checkCallback tests.
import type { PendingLaunch } from '../../../src/smart/pendingLaunch';

export function pendingRecord(overrides: Partial<PendingLaunch> = {}): PendingLaunch {
  return {
    stateId: 'state-id-1',
    stateSecret: 'secret-1',
    nonce: 'nonce-1',
    iss: 'https://ehr.example/fhir',
    serverId: 'ehr',
    clientId: 'client-1',
    redirectUri: 'https://app.example/callback',
    mode: 'ehr',
    scope: 'launch openid patient/*.rs',
    discovery: {
      issuer: 'https://auth.example/realms/ehr',
      authorizationEndpoint: 'https://auth.example/authorize',
      tokenEndpoint: 'https://auth.example/token',
      capabilities: ['launch-ehr', 'permission-v2', 'sso-openid-connect'],
      codeChallengeMethods: ['S256'],
      source: 'well-known',
      warnings: [],
    },
    createdAt: Date.now(),
    ...overrides,
  };
}

/** A Storage backed by a Map, so tests do not depend on (or leak into) the window's sessionStorage. */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}
