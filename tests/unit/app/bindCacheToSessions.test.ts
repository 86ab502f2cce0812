import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { bindCacheToSessions } from '../../../src/app/SessionBridge';
import { toLaunchContext } from '../../../src/smart/launchContext';
import { SessionStore } from '../../../src/smart/sessionStore';
import { SessionHandle } from '../../../src/smart/SessionHandle';
import { vaultHolding } from '../../support/inProcessVault';

const ISS = 'https://ehr.example/fhir';
const session = (patient: string) =>
  new SessionHandle({
    iss: ISS,
    mode: 'standalone',
    context: toLaunchContext({ patient }, ISS),
    vault: vaultHolding({ baseUrl: ISS, tokens: { accessToken: `at-${patient}`, expiresIn: 3600 } }),
  });
const cached = (client: QueryClient) => client.getQueryCache().getAll().length;

describe('the query cache follows the session (PHI hygiene)', () => {
  it('a new launch drops the previous patient’s data, also when no chart is mounted', () => {
    const store = new SessionStore();
    const client = new QueryClient();
    store.start(session('p1'));
    bindCacheToSessions(store, client);
    client.setQueryData(['fhir', 'Patient', 'detail', 'p1'], { resourceType: 'Patient', id: 'p1' });
    expect(cached(client)).toBe(1);
    store.clear('replaced'); // what /launch does first
    expect(cached(client)).toBe(0);
    store.start(session('p2'));
    client.setQueryData(['fhir', 'Patient', 'detail', 'p2'], { resourceType: 'Patient', id: 'p2' });
    store.current!.end('refresh_failed');
    expect(cached(client)).toBe(0);
  });

  it('a cache that holds another session’s data is cleared when it meets this session', () => {
    const client = new QueryClient();
    const first = new SessionStore();
    first.start(session('p1'));
    bindCacheToSessions(first, client);
    client.setQueryData(['fhir', 'Patient', 'detail', 'p1'], { resourceType: 'Patient', id: 'p1' });
    const second = new SessionStore();
    second.start(session('p2'));
    bindCacheToSessions(second, client);
    expect(cached(client)).toBe(0);
  });

  it('keeps the cache while the session stays the same', () => {
    const store = new SessionStore();
    const client = new QueryClient();
    store.start(session('p1'));
    bindCacheToSessions(store, client);
    client.setQueryData(['fhir', 'Patient', 'detail', 'p1'], { resourceType: 'Patient', id: 'p1' });
    bindCacheToSessions(store, client); // a remount
    expect(cached(client)).toBe(1);
  });
});
