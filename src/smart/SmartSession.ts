// An in-memory SMART session: the tokens (never stored anywhere else), the launch context, and ONE in-flight
// refresh shared by every caller (the timer, a 401 retry, a manual call). oidc-client-ts's own silent renew is
// not used: it does not single-flight refreshes, and a rotating server revokes the grant on the second use.
import { SessionExpiredError, type SessionEndReason } from './errors';
import type { LaunchContext } from './launchContext';

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Seconds, as the server said. */
  expiresIn: number;
  scope?: string;
}

/** Performs one refresh_token grant. Throws an error with an OAuth `error` string when the server refused it. */
export type RefreshGrant = (refreshToken: string, current: TokenSet) => Promise<TokenSet>;

export type SessionStatus = 'active' | 'refreshing' | 'ended';

export interface SmartSessionOptions {
  iss: string;
  mode?: 'ehr' | 'standalone';
  /** The EHR launch handle this session came from (for a silent re-authorization after reload). */
  launch?: string;
  context: LaunchContext;
  tokens: TokenSet;
  refreshGrant?: RefreshGrant;
  now?: () => number;
  /** Delays before retrying a refresh that failed for a transient reason (network, 5xx). */
  retryDelaysMs?: number[];
}

/** How long before expiry to refresh: 10% of the lifetime, between 1 s and 60 s (a 10 s token does not loop). */
export function refreshLeadMs(expiresInSeconds: number): number {
  return Math.min(60, Math.max(1, expiresInSeconds * 0.1)) * 1000;
}

const isOAuthRefusal = (error: unknown) => typeof (error as { error?: unknown })?.error === 'string';
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SmartSession {
  readonly iss: string;
  readonly mode: 'ehr' | 'standalone';
  readonly launch?: string;
  readonly context: LaunchContext;
  private tokens: TokenSet;
  private expiresAt: number;
  private inFlight?: Promise<string>;
  private timer?: ReturnType<typeof setTimeout>;
  private listeners = new Set<() => void>();
  private readonly refreshGrant?: RefreshGrant;
  private readonly now: () => number;
  private readonly retryDelaysMs: number[];
  status: SessionStatus = 'active';
  endReason?: SessionEndReason;

  constructor(options: SmartSessionOptions) {
    this.iss = options.iss;
    this.mode = options.mode ?? 'standalone';
    this.launch = options.launch;
    this.context = options.context;
    this.tokens = options.tokens;
    this.refreshGrant = options.refreshGrant;
    this.now = options.now ?? Date.now;
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 3000];
    this.expiresAt = this.now() + options.tokens.expiresIn * 1000;
    this.schedule();
  }

  get canRefresh(): boolean {
    return this.refreshGrant !== undefined && !!this.tokens.refreshToken;
  }

  /** A valid access token; refreshes first (shared) when it is about to expire. */
  async getAccessToken(): Promise<string> {
    this.assertActive();
    if (this.inFlight) return this.inFlight;
    const dueAt = this.expiresAt - refreshLeadMs(this.tokens.expiresIn);
    if (this.now() >= dueAt && this.canRefresh) return this.refresh();
    return this.tokens.accessToken;
  }

  /** After a 401 for `rejected`: refresh unless someone already did, then hand back the newer token. */
  async refreshAfterUnauthorized(rejected: string): Promise<string> {
    this.assertActive();
    if (this.inFlight) return this.inFlight;
    if (this.tokens.accessToken !== rejected) return this.tokens.accessToken;
    if (!this.canRefresh) {
      this.end('unauthorized');
      throw new SessionExpiredError('unauthorized');
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

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops the tokens from memory. Idempotent: listeners hear about it once. */
  end(reason: SessionEndReason): void {
    if (this.status === 'ended') return;
    clearTimeout(this.timer);
    this.tokens = { accessToken: '', expiresIn: 0 };
    this.status = 'ended';
    this.endReason = reason;
    this.emit();
  }

  /** The refresh token, for revocation at sign-out only. */
  takeRefreshTokenForRevocation(): string | undefined {
    return this.tokens.refreshToken;
  }

  private async runRefresh(): Promise<string> {
    const grant = this.refreshGrant;
    const refreshToken = this.tokens.refreshToken;
    if (!grant || !refreshToken) {
      this.end('expired');
      throw new SessionExpiredError('expired');
    }
    this.setStatus('refreshing');
    for (let attempt = 0; ; attempt++) {
      try {
        const next = await grant(refreshToken, this.tokens);
        if (this.status === 'ended') throw new SessionExpiredError(this.endReason ?? 'refresh_failed');
        // A rotating server sends a new refresh token: keep only the newest. Otherwise keep the one we have.
        this.tokens = { ...next, refreshToken: next.refreshToken ?? refreshToken, idToken: next.idToken ?? this.tokens.idToken };
        this.expiresAt = this.now() + next.expiresIn * 1000;
        this.setStatus('active');
        this.schedule();
        return next.accessToken;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (error instanceof SessionExpiredError) throw error;
        if (isOAuthRefusal(error) || delay === undefined || this.now() >= this.expiresAt) {
          this.end('refresh_failed');
          throw new SessionExpiredError('refresh_failed');
        }
        await sleep(delay);
        if (this.status === 'ended') throw new SessionExpiredError(this.endReason ?? 'refresh_failed');
      }
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (this.status === 'ended') return;
    const lead = this.canRefresh ? refreshLeadMs(this.tokens.expiresIn) : 0;
    const wait = Math.max(0, this.expiresAt - lead - this.now());
    this.timer = setTimeout(() => {
      if (this.canRefresh) this.refresh().catch(() => undefined);
      else this.end('expired');
    }, wait);
  }

  private assertActive(): void {
    if (this.status === 'ended') throw new SessionExpiredError(this.endReason ?? 'refresh_failed');
  }

  private setStatus(status: SessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
