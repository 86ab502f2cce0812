import { describe, expect, it } from 'vitest';
import { checkCallback } from '../../../src/smart/completeLaunch';
import { savePendingLaunch } from '../../../src/smart/pendingLaunch';
import type { SmartLaunchError } from '../../../src/smart/errors';
import { expectLaunchError, thrownBy as thrown } from './launchErrors';

const thrownBy = (fn: () => unknown) => thrown(fn) as SmartLaunchError;
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

  it('a response without state shows only the app’s own message for its error code, none of its text', () => {
    const { check } = setup();
    const error = thrownBy(() => check({ error: 'access_denied', error_description: 'Your EHR password expired. Call +1-555-0100' }));
    expectLaunchError(error, 'access_denied');
    expect(error.message).toBe('Access was not granted.');
    expect(JSON.stringify(error)).not.toContain('555');
    expect(error.detail).toBe('The sign-in server answered without identifying this sign-in.');
    expect(error.launch).toBeUndefined(); // the pending launch was an EHR launch: no standalone advice
  });

  it('an unknown error code without state is a plain sign-in failure', () => {
    const { check } = setup();
    expectLaunchError(thrownBy(() => check({ error: '<b>call us</b>' })), 'authorization_failed');
  });

  it('without state, when this tab’s only pending launch was standalone: offers that sign-in again, and forgets the record', () => {
    const { check, storage } = setup({ mode: 'standalone' });
    const error = thrownBy(() => check({ error: 'access_denied' }));
    expect(error.launch).toEqual({ iss: 'https://ehr.example/fhir', mode: 'standalone' });
    expect(storage.length).toBe(0);
  });

  it('caps a matching response’s error_description at 300 characters', () => {
    const { check, state } = setup();
    const error = thrownBy(() => check({ error: 'access_denied', error_description: 'x'.repeat(5000), state }));
    expect(error.detail!.length).toBeLessThanOrEqual('access_denied: '.length + 301);
    expect(error.detail!.endsWith('…')).toBe(true);
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
