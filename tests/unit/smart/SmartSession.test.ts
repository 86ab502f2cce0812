import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionExpiredError } from '../../../src/smart/errors';
import { toLaunchContext } from '../../../src/smart/launchContext';
import { SmartSession, refreshLeadMs, type RefreshGrant, type TokenSet } from '../../../src/smart/SmartSession';

const ISS = 'https://ehr.example/fhir';

/** A token endpoint double: counts calls, rotates refresh tokens, and can refuse. */
function fakeGrant({ expiresIn = 10, delayMs = 50 } = {}) {
  let n = 0;
  const seen: string[] = [];
  const state = { refuse: undefined as string | undefined, networkFailures: 0 };
  const grant: RefreshGrant = vi.fn(async (refreshToken: string) => {
    seen.push(refreshToken);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (state.networkFailures > 0) {
      state.networkFailures--;
      throw new TypeError('Failed to fetch');
    }
    if (state.refuse) throw Object.assign(new Error(state.refuse), { error: state.refuse });
    n++;
    return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresIn } satisfies TokenSet;
  });
  return { grant, seen, state };
}

function session(grant: RefreshGrant, expiresIn = 10) {
  return new SmartSession({
    iss: ISS,
    context: toLaunchContext({ patient: 'p1', scope: 'patient/*.rs' }, ISS),
    tokens: { accessToken: 'at-0', refreshToken: 'rt-0', expiresIn },
    refreshGrant: grant,
  });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('refresh timing', () => {
  it('derives the refresh lead from expires_in so short tokens do not loop', () => {
    expect(refreshLeadMs(10)).toBe(1000);
    expect(refreshLeadMs(300)).toBe(30_000);
    expect(refreshLeadMs(3600)).toBe(60_000);
    expect(refreshLeadMs(2)).toBe(1000);
  });

  it('refreshes once per lifetime of a 10-second token, before it expires', async () => {
    const { grant } = fakeGrant({ expiresIn: 10, delayMs: 0 });
    const s = session(grant, 10);
    await vi.advanceTimersByTimeAsync(8_900);
    expect(grant).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200); // 9.1 s: 1 s before expiry
    expect(grant).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(9_000 * 3);
    expect(grant).toHaveBeenCalledTimes(4); // one per 9 s, never a loop
    expect(await s.getAccessToken()).toBe('at-4');
  });
});

describe('single flight', () => {
  it('50 concurrent getAccessToken() calls around expiry make exactly one token request', async () => {
    const { grant } = fakeGrant({ delayMs: 200 });
    const s = session(grant, 10);
    vi.setSystemTime(Date.now() + 9_500); // inside the refresh window, timer not fired yet
    const tokens = await Promise.all([
      ...Array.from({ length: 50 }, () => s.getAccessToken()),
      vi.advanceTimersByTimeAsync(300).then(() => 'timer'),
    ]);
    expect(grant).toHaveBeenCalledTimes(1);
    expect(new Set(tokens.slice(0, 50))).toEqual(new Set(['at-1']));
  });

  it('the timer, a 401 retry and a manual refresh share one request', async () => {
    const { grant } = fakeGrant({ delayMs: 500 });
    const s = session(grant, 10);
    await vi.advanceTimersByTimeAsync(9_000); // timer starts the refresh
    const results = Promise.all([s.refreshAfterUnauthorized('at-0'), s.refresh(), s.getAccessToken()]);
    await vi.advanceTimersByTimeAsync(600);
    expect(await results).toEqual(['at-1', 'at-1', 'at-1']);
    expect(grant).toHaveBeenCalledTimes(1);
  });

  it('a 401 for an already-replaced token does not refresh again', async () => {
    const { grant } = fakeGrant({ delayMs: 0 });
    const s = session(grant, 3600);
    await s.refresh();
    expect(await s.refreshAfterUnauthorized('at-0')).toBe('at-1');
    expect(grant).toHaveBeenCalledTimes(1);
  });
});

describe('rotation', () => {
  it('always uses the newest refresh token and never one twice', async () => {
    const { grant, seen } = fakeGrant({ delayMs: 0 });
    const s = session(grant, 3600);
    await s.refresh();
    await s.refresh();
    await s.refresh();
    expect(seen).toEqual(['rt-0', 'rt-1', 'rt-2']);
  });

  it('keeps the current refresh token when the server does not rotate', async () => {
    const seen: string[] = [];
    const grant: RefreshGrant = async (rt) => {
      seen.push(rt);
      return { accessToken: `at-${seen.length}`, expiresIn: 3600 };
    };
    const s = session(grant, 3600);
    await s.refresh();
    await s.refresh();
    expect(seen).toEqual(['rt-0', 'rt-0']);
  });
});

describe('a failed refresh', () => {
  it('ends the session once, and every waiting caller hears it', async () => {
    const { grant, state } = fakeGrant({ delayMs: 100 });
    state.refuse = 'invalid_grant';
    const s = session(grant, 10);
    const listener = vi.fn();
    s.subscribe(listener);
    vi.setSystemTime(Date.now() + 9_500);
    const calls = Array.from({ length: 10 }, () => s.getAccessToken().catch((e: unknown) => e));
    await vi.advanceTimersByTimeAsync(200);
    const errors = await Promise.all(calls);
    expect(errors.every((e) => e instanceof SessionExpiredError)).toBe(true);
    expect(grant).toHaveBeenCalledTimes(1);
    expect(s.status).toBe('ended');
    expect(s.endReason).toBe('refresh_failed');
    expect(listener.mock.calls.filter(() => s.status === 'ended').length).toBeGreaterThan(0);
    const endings = listener.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(grant).toHaveBeenCalledTimes(1); // no loop
    expect(listener.mock.calls.length).toBe(endings);
    await expect(s.getAccessToken()).rejects.toBeInstanceOf(SessionExpiredError);
  });

  it('retries a transient (network) failure before giving up', async () => {
    const { grant, state } = fakeGrant({ delayMs: 0 });
    state.networkFailures = 1;
    const s = session(grant, 3600);
    const result = s.refresh();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await result).toBe('at-1');
    expect(grant).toHaveBeenCalledTimes(2);
    expect(s.status).toBe('active');
  });

  it('without a refresh token, the session ends when the access token expires', async () => {
    const s = new SmartSession({ iss: ISS, context: toLaunchContext({}, ISS), tokens: { accessToken: 'at-0', expiresIn: 30 } });
    await vi.advanceTimersByTimeAsync(29_000);
    expect(s.status).toBe('active');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(s.status).toBe('ended');
    expect(s.endReason).toBe('expired');
  });

  it('end() forgets the tokens', async () => {
    const { grant } = fakeGrant();
    const s = session(grant, 3600);
    s.end('signed_out');
    expect(s.takeRefreshTokenForRevocation()).toBeUndefined();
    await expect(s.getAccessToken()).rejects.toBeInstanceOf(SessionExpiredError);
  });
});
