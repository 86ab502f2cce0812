// The session inside the token vault: the tokens (nowhere else), the refresh schedule, and ONE in-flight refresh
// shared by every caller (the timer, a 401 retry, a wake-up). oidc-client-ts's own silent renew is not used: it
// does not single-flight refreshes, and a rotating server revokes the grant on the second use.
//
// The schedule is clamped whatever the server says (see README, "Session and refresh"):
// - the lifetime counts as 1 s to 24 h (expires_in 0, negative, absurd or missing: 1 s, 24 h, or 300 s);
// - a refresh starts 10 % of the lifetime before expiry (1–60 s), never sooner than 5 s after the last one;
// - no timer is armed for more than an hour: long waits re-arm, so nothing overflows setTimeout's 2^31-1 ms.
// A refresh that fails for a network or server reason (no OAuth refusal) is retried with backoff, at once when
// the network returns or the page wakes up, for as long as it takes: only a refusal ends the session.
import type { SessionEndReason } from '../smart/errors';

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Seconds, as the server said. */
  expiresIn?: number;
  scope?: string;
}

/** Performs one refresh_token grant. Throws an error with an OAuth `error` string when the server refused it. */
export type RefreshGrant = (refreshToken: string, current: TokenSet) => Promise<TokenSet>;

export type SessionStatus = 'active' | 'refreshing' | 'reconnecting' | 'ended';

export class SessionEndedError extends Error {
  override readonly name = 'SessionEndedError';
  constructor(readonly reason: SessionEndReason) {
    super('The session has ended.');
  }
}

export const MIN_LIFETIME_S = 1;
export const MAX_LIFETIME_S = 24 * 3600;
const DEFAULT_LIFETIME_S = 300;
export const MIN_REFRESH_INTERVAL_MS = 5_000;
const MAX_TIMER_MS = 3600_000;
const RETRY_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/** The lifetime the schedule uses, in seconds. */
export function lifetimeSeconds(expiresIn: number | undefined): number {
  if (expiresIn === undefined || Number.isNaN(expiresIn)) return DEFAULT_LIFETIME_S;
  return Math.min(MAX_LIFETIME_S, Math.max(MIN_LIFETIME_S, expiresIn));
}

/** How long before expiry to refresh: 10% of the lifetime, between 1 s and 60 s. */
export function refreshLeadMs(expiresInSeconds: number | undefined): number {
  return Math.min(60, Math.max(1, lifetimeSeconds(expiresInSeconds) * 0.1)) * 1000;
}

/** Server errors that say "try later", not "no". */
const TRANSIENT_OAUTH_ERRORS = new Set(['server_error', 'temporarily_unavailable']);
export const isRefusal = (error: unknown) => {
  const code = (error as { error?: unknown } | null)?.error;
  return typeof code === 'string' && !TRANSIENT_OAUTH_ERRORS.has(code);
};

export interface SmartSessionOptions {
  tokens: TokenSet;
  refreshGrant?: RefreshGrant;
  now?: () => number;
}

export class SmartSession {
  private tokens: TokenSet;
  private expiresAt: number;
  private readonly startedAt: number;
  /** When the last refresh started; the next one waits until MIN_REFRESH_INTERVAL_MS after it. */
  private lastRefreshAt?: number;
  private inFlight?: Promise<string>;
  private timer?: ReturnType<typeof setTimeout>;
  /** Pending waits: a wake-up ends the wakeable ones (backoff), the end of the session ends all of them. */
  private pauses = new Set<{ done: () => void; wakeable: boolean }>();
  private listeners = new Set<() => void>();
  private refreshGrant?: RefreshGrant;
  private readonly now: () => number;
  status: SessionStatus = 'active';
  endReason?: SessionEndReason;

  constructor(options: SmartSessionOptions) {
    this.tokens = options.tokens;
    this.refreshGrant = options.refreshGrant;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.expiresAt = this.startedAt + lifetimeSeconds(options.tokens.expiresIn) * 1000;
    this.schedule();
  }

  get canRefresh(): boolean {
    return this.refreshGrant !== undefined && !!this.tokens.refreshToken;
  }

  /** A valid access token; refreshes first (shared) when it is due or expired. */
  async getAccessToken(): Promise<string> {
    this.assertActive();
    if (this.inFlight) return this.inFlight;
    const now = this.now();
    if (this.canRefresh && now >= this.refreshDueAt()) return this.refresh();
    if (!this.canRefresh && now >= this.expiresAt) {
      this.end('expired');
      this.assertActive();
    }
    return this.tokens.accessToken;
  }

  /** After a 401 for `rejected`: refresh unless someone already did, then hand back the newer token. */
  async refreshAfterUnauthorized(rejected: string): Promise<string> {
    this.assertActive();
    if (this.inFlight) return this.inFlight;
    if (this.tokens.accessToken !== rejected) return this.tokens.accessToken;
    if (!this.canRefresh) {
      this.end('unauthorized');
      this.assertActive();
    }
    return this.refresh();
  }

  /** One refresh at a time: every caller gets the same promise. */
  refresh(): Promise<string> {
    this.assertActive();
    this.inFlight ??= this.runRefresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** The network came back or the page woke up (the clock may have jumped): act on the schedule now. */
  wake(): void {
    if (this.status === 'ended') return;
    const backoffs = [...this.pauses].filter((p) => p.wakeable);
    if (backoffs.length) backoffs.forEach((p) => p.done());
    else this.onTimer();
  }

  /** The tokens worth revoking at sign-out. Inside the vault only: never part of its door. */
  revocableTokens(): { accessToken?: string; refreshToken?: string } {
    return { accessToken: this.tokens.accessToken || undefined, refreshToken: this.tokens.refreshToken };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the tokens and the refresh closure from memory. Idempotent: listeners hear about it once. */
  end(reason: SessionEndReason): void {
    if (this.status === 'ended') return;
    clearTimeout(this.timer);
    this.tokens = { accessToken: '' };
    this.refreshGrant = undefined;
    this.status = 'ended';
    this.endReason = reason;
    for (const p of [...this.pauses]) p.done();
    this.emit();
    this.listeners.clear();
  }

  private refreshDueAt(): number {
    const lead = refreshLeadMs(this.tokens.expiresIn);
    return Math.max(this.expiresAt - lead, (this.lastRefreshAt ?? this.startedAt) + MIN_REFRESH_INTERVAL_MS);
  }

  private async runRefresh(): Promise<string> {
    if (!this.canRefresh) {
      this.end('expired');
      this.assertActive();
    }
    this.setStatus('refreshing');
    for (let attempt = 0; ; attempt++) {
      if (this.lastRefreshAt !== undefined) await this.pause(this.lastRefreshAt + MIN_REFRESH_INTERVAL_MS - this.now(), false);
      this.assertActive();
      const refreshToken = this.tokens.refreshToken!;
      this.lastRefreshAt = this.now();
      try {
        const next = await this.refreshGrant!(refreshToken, this.tokens);
        this.assertActive();
        // A rotating server sends a new refresh token: keep only the newest. Otherwise keep the one we have.
        this.tokens = { ...next, refreshToken: next.refreshToken ?? refreshToken, idToken: next.idToken ?? this.tokens.idToken };
        this.expiresAt = this.now() + lifetimeSeconds(next.expiresIn) * 1000;
        this.setStatus('active');
        this.schedule();
        return next.accessToken;
      } catch (error) {
        if (error instanceof SessionEndedError) throw error;
        if (isRefusal(error)) {
          this.end('refresh_failed');
          this.assertActive();
        }
        this.setStatus('reconnecting');
        await this.pause(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!, true);
      }
    }
  }

  /** Waits `ms`, or less when the session ends or, if `wakeable`, when woken (network back, page visible). */
  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (ms <= 0 || this.status === 'ended') return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        wakeable,
        done: () => {
          clearTimeout(timer);
          this.pauses.delete(entry);
          resolve();
        },
      };
      const timer = setTimeout(entry.done, ms);
      this.pauses.add(entry);
    });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.status === 'ended') return;
    const due = this.canRefresh ? this.refreshDueAt() : this.expiresAt;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, due - this.now()));
    this.timer = setTimeout(() => this.onTimer(), wait);
  }

  private onTimer(): void {
    if (this.status === 'ended' || this.inFlight) return;
    const now = this.now();
    if (this.canRefresh && now >= this.refreshDueAt()) this.refresh().catch(() => undefined);
    else if (!this.canRefresh && now >= this.expiresAt) this.end('expired');
    else this.schedule(); // a long wait re-arms
  }

  private assertActive(): void {
    if (this.status === 'ended') throw new SessionEndedError(this.endReason ?? 'refresh_failed');
  }

  private setStatus(status: SessionStatus): void {
    if (this.status === status || this.status === 'ended') return;
    this.status = status;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
