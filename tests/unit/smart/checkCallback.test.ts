import { describe, expect, it } from 'vitest';
import { checkCallback } from '../../../src/smart/completeLaunch';
import { savePendingLaunch } from '../../../src/smart/pendingLaunch';
import { expectLaunchError, thrownBy } from './launchErrors';
import { MemoryStorage, pendingRecord } from './pendingRecord';

const ISSUER = 'https://auth.example/realms/ehr';

function setup(overrides: Parameters<typeof pendingRecord>[0] = {}) {
  const storage = new MemoryStorage();
  const record = pendingRecord(overrides);
  savePendingLaunch(record, storage);
  const check = (params: Record<string, string>) => checkCallback(new URLSearchParams(params), storage);
  return { storage, record, check, state: `${record.stateId};${record.stateSecret}` };
}

describe('checkCallback', () => {
  it('returns the pending record for a valid response', () => {
    const { record, check, state } = setup();
    expect(check({ code: 'c1', state })).toEqual(record);
  });

  it('accepts an RFC 9207 iss that matches the advertised issuer', () => {
    const { record, check, state } = setup();
    expect(check({ code: 'c1', state, iss: ISSUER })).toEqual(record);
  });

  it('does not consume the record (completeLaunch does that)', () => {
    const { check, state } = setup();
    check({ code: 'c1', state });
    expect(check({ code: 'c1', state }).stateId).toBe('state-id-1');
  });

  it('rejects a response without state', () => {
    const { check } = setup();
    expectLaunchError(thrownBy(() => check({ code: 'c1' })), 'state_mismatch', 'no state');
  });

  it('reports the server error of a response without state', () => {
    const { check } = setup();
    expectLaunchError(thrownBy(() => check({ error: 'access_denied' })), 'access_denied');
  });

  it('rejects an unknown state id', () => {
    const { check, record } = setup();
    expectLaunchError(thrownBy(() => check({ code: 'c1', state: `other-id;${record.stateSecret}` })), 'state_mismatch', 'No sign-in in this window');
  });

  it('rejects a state whose record has expired', () => {
    const { check, state } = setup({ createdAt: Date.now() - 16 * 60_000 });
    expectLaunchError(thrownBy(() => check({ code: 'c1', state })), 'state_mismatch');
  });

  it.each([
    ['a wrong secret', 'state-id-1;secret-2'],
    ['no secret', 'state-id-1'],
    ['an empty secret', 'state-id-1;'],
    ['a longer secret', 'state-id-1;secret-1x'],
  ])('rejects a known state id with %s', (_label, state) => {
    const { check } = setup();
    expectLaunchError(thrownBy(() => check({ code: 'c1', state })), 'state_mismatch', 'does not match');
  });

  it('checks the state before reporting a server error (an attacker cannot inject errors)', () => {
    const { check } = setup();
    expectLaunchError(thrownBy(() => check({ error: 'access_denied', state: 'state-id-1;forged' })), 'state_mismatch');
  });

  it.each([
    ['another issuer', 'https://evil.example'],
    ['the issuer with a trailing slash', `${ISSUER}/`],
    ['the issuer origin only', 'https://auth.example'],
  ])('rejects an iss that is %s', (_label, iss) => {
    const { check, state } = setup();
    const error = expectLaunchError(thrownBy(() => check({ code: 'c1', state, iss })), 'issuer_mismatch', iss);
    expect(error.detail).toContain(ISSUER);
  });

  it('checks iss before reporting a server error', () => {
    const { check, state } = setup();
    expectLaunchError(thrownBy(() => check({ error: 'access_denied', state, iss: 'https://evil.example' })), 'issuer_mismatch');
  });

  it('expects the authorization endpoint origin as iss when discovery gave no issuer', () => {
    const base = pendingRecord();
    const { check, state, record } = setup({ discovery: { ...base.discovery, issuer: undefined } });
    expect(check({ code: 'c1', state, iss: 'https://auth.example' })).toEqual(record);
    expectLaunchError(thrownBy(() => check({ code: 'c1', state, iss: 'https://evil.example' })), 'issuer_mismatch', 'https://auth.example');
  });

  it.each([
    ['access_denied', 'access_denied'],
    ['invalid_scope', 'invalid_scope'],
    ['invalid_client', 'invalid_client'],
    ['unauthorized_client', 'invalid_client'],
    ['server_error', 'server_error'],
    ['temporarily_unavailable', 'server_error'],
    ['interaction_required', 'authorization_failed'],
    ['something_new', 'authorization_failed'],
  ] as const)('maps error=%s (with a valid state) to %s', (error, code) => {
    const { check, state } = setup();
    expectLaunchError(thrownBy(() => check({ error, state })), code, error);
  });

  it('keeps the error_description in the detail', () => {
    const { check, state } = setup();
    expectLaunchError(
      thrownBy(() => check({ error: 'access_denied', error_description: 'The user cancelled', state })),
      'access_denied',
      'access_denied: The user cancelled',
    );
  });

  it('reports a server error even when a code came with it', () => {
    const { check, state } = setup();
    expectLaunchError(thrownBy(() => check({ error: 'invalid_scope', code: 'c1', state })), 'invalid_scope');
  });

  it.each([
    ['no code', {}],
    ['an empty code', { code: '' }],
  ])('rejects a response with %s', (_label, extra) => {
    const { check, state } = setup();
    expectLaunchError(thrownBy(() => check({ state, ...extra })), 'authorization_failed', 'no code');
  });
});
