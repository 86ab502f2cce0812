import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  lifetimeSeconds,
  MIN_REFRESH_INTERVAL_MS,
  refreshLeadMs,
  SessionEndedError,
  SmartSession,
  type RefreshGrant,
  type TokenSet,
} from '../../../src/vault/SmartSession';

/** A token endpoint double: counts calls, rotates refresh tokens, and can refuse or fail. */
function fakeGrant({ expiresIn = 10 as number | undefined, delayMs = 50 } = {}) {
  let n = 0;
  const seen: string[] = [];
  const state = { refuse: undefined as string | undefined, networkFailures: 0, expiresIn };
  const grant = vi.fn<RefreshGrant>(async (refreshToken: string) => {
    seen.push(refreshToken);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (state.networkFailures > 0) {
      state.networkFailures--;
      throw new TypeError('Failed to fetch');
    }
    if (state.refuse) throw Object.assign(new Error(state.refuse), { error: state.refuse });
    n++;
    return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresIn: state.expiresIn } satisfies TokenSet;
  });
  return { grant, seen, state };
}

const session = (grant: RefreshGrant, expiresIn: number | undefined = 10) =>
  new SmartSession({ tokens: { accessToken: 'at-0', refreshToken: 'rt-0', expiresIn }, refreshGrant: grant });

/** Token requests made in the first `ms` of a session whose every token lives `expiresIn` seconds. */
async function refreshesWithin(ms: number, expiresIn: number | undefined) {
  const { grant } = fakeGrant({ expiresIn, delayMs: 0 });
  const s = session(grant, expiresIn);
  await vi.advanceTimersByTimeAsync(ms);
  return { calls: grant.mock.calls.length, s };
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

  it('clamps lifetimes to 1 s … 24 h, and a missing expires_in counts as 300 s', () => {
    expect(lifetimeSeconds(0)).toBe(1);
    expect(lifetimeSeconds(-5)).toBe(1);
    expect(lifetimeSeconds(30 * 24 * 3600)).toBe(24 * 3600);
    expect(lifetimeSeconds(undefined)).toBe(300);
    expect(lifetimeSeconds(Number.NaN)).toBe(300);
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

  it('expires_in 0: at most one refresh every 5 s (4 in 20 s), and the session keeps working', async () => {
    const { calls, s } = await refreshesWithin(20_500, 0);
    expect(calls).toBe(4);
    expect(s.status).not.toBe('ended');
  });

  it('expires_in 1: the same handful, never a storm', async () => {
    const { calls, s } = await refreshesWithin(20_500, 1);
    expect(calls).toBe(4);
    const token = s.getAccessToken();
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS);
    expect(await token).toMatch(/^at-\d+$/);
  });

  it('a 30-day token is refreshed within 24 h, not at once (no setTimeout overflow), and only once a day', async () => {
    const day = 24 * 3600_000;
    const { grant } = fakeGrant({ expiresIn: 30 * 24 * 3600, delayMs: 0 });
    session(grant, 30 * 24 * 3600);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(grant).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(day - 62_000);
    expect(grant).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(grant).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(day);
    expect(grant).toHaveBeenCalledTimes(2);
  });

  it('a 30-day token without a refresh token does not end the session at once', async () => {
    const s = new SmartSession({ tokens: { accessToken: 'at-0', expiresIn: 30 * 24 * 3600 } });
    await vi.advanceTimersByTimeAsync(3 * 3600_000);
    expect(s.status).toBe('active');
    expect(await s.getAccessToken()).toBe('at-0');
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
    const first = s.refresh();
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS);
    await first;
    expect(await s.refreshAfterUnauthorized('at-0')).toBe('at-1');
    expect(grant).toHaveBeenCalledTimes(1);
  });
});

describe('rotation', () => {
  async function refreshTimes(s: SmartSession, times: number) {
    for (let i = 0; i < times; i++) {
      const done = s.refresh();
      await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS);
      await done;
    }
  }

  it('always uses the newest refresh token and never one twice', async () => {
    const { grant, seen } = fakeGrant({ delayMs: 0 });
    const s = session(grant, 3600);
    await refreshTimes(s, 3);
    expect(seen).toEqual(['rt-0', 'rt-1', 'rt-2']);
  });

  it('keeps the current refresh token when the server does not rotate', async () => {
    const seen: string[] = [];
    const grant: RefreshGrant = async (rt) => {
      seen.push(rt);
      return { accessToken: `at-${seen.length}`, expiresIn: 3600 };
    };
    const s = session(grant, 3600);
    await refreshTimes(s, 2);
    expect(seen).toEqual(['rt-0', 'rt-0']);
  });
});

describe('a refused refresh', () => {
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
    expect(errors.every((e) => e instanceof SessionEndedError)).toBe(true);
    expect(grant).toHaveBeenCalledTimes(1);
    expect(s.status).toBe('ended');
    expect(s.endReason).toBe('refresh_failed');
    const endings = listener.mock.calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(grant).toHaveBeenCalledTimes(1); // no loop
    expect(listener.mock.calls.length).toBe(endings);
    await expect(s.getAccessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('without a refresh token, the session ends when the access token expires', async () => {
    const s = new SmartSession({ tokens: { accessToken: 'at-0', expiresIn: 30 } });
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
    expect(s.revocableTokens()).toEqual({ accessToken: undefined, refreshToken: undefined });
    await expect(s.getAccessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });
});

describe('network and server failures never end a session whose refresh token is still good', () => {
  it('keeps retrying with backoff through a 60 s outage past the access token’s expiry, then recovers', async () => {
    const { grant, state } = fakeGrant({ delayMs: 0, expiresIn: 3600 });
    const s = session(grant, 3600);
    state.networkFailures = 1_000;
    vi.setSystemTime(Date.now() + 3_540_000); // the refresh is due; the token has 60 s left
    const token = s.getAccessToken();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(s.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(60_000); // the access token has expired meanwhile
    expect(s.status).toBe('reconnecting');
    const attempts = grant.mock.calls.length;
    expect(attempts).toBeGreaterThanOrEqual(4);
    expect(attempts).toBeLessThanOrEqual(14); // backoff, at most one every 5 s
    state.networkFailures = 0;
    await vi.advanceTimersByTimeAsync(31_000);
    expect(await token).toBe('at-1');
    expect(s.status).toBe('active');
  });

  it('server_error and temporarily_unavailable are retried; other OAuth errors end the session', async () => {
    const { grant, state } = fakeGrant({ delayMs: 0, expiresIn: 3600 });
    const s = session(grant, 3600);
    state.refuse = 'temporarily_unavailable';
    const token = s.refresh();
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS * 3);
    expect(s.status).toBe('reconnecting');
    state.refuse = undefined;
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS * 2);
    expect(await token).toBe('at-1');
  });

  it('after sleep (the clock jumps 2 h), one failed refresh does not end the session; wake() retries at once', async () => {
    const { grant, state } = fakeGrant({ delayMs: 0, expiresIn: 3600 });
    const s = session(grant, 3600);
    state.networkFailures = 1;
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    s.wake(); // the page became visible again
    await vi.advanceTimersByTimeAsync(0);
    expect(grant).toHaveBeenCalledTimes(1);
    expect(s.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(MIN_REFRESH_INTERVAL_MS);
    s.wake(); // the network is back: no need to wait out the backoff
    await vi.advanceTimersByTimeAsync(0);
    expect(grant).toHaveBeenCalledTimes(2);
    expect(s.status).toBe('active');
    expect(await s.getAccessToken()).toBe('at-1');
  });
});
