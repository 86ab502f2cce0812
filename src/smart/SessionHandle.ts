// The page's handle on a signed-in session. It holds no token: the tokens live in the vault (a Web Worker), and
// this handle only forwards FHIR requests there and mirrors the vault's status. Ending the session terminates
// the worker, so nothing of the session's tokens survives in any realm.
import type { FhirRequest, Outcome } from '../fhir/wire';
import type { VaultStatus } from '../vault/api';
import type { SessionEndReason } from './errors';
import type { LaunchContext } from './launchContext';
import type { LaunchMode } from './launchParams';
import type { Vault } from './vaultClient';

export type SessionStatus = 'active' | 'refreshing' | 'reconnecting' | 'ended';

/** Reasons for which the tokens may still be valid at the server: revoke them before dropping them. */
const REVOKE_ON: ReadonlySet<SessionEndReason> = new Set(['signed_out', 'idle', 'replaced']);

export interface SessionHandleOptions {
  iss: string;
  mode: LaunchMode;
  /** The EHR launch handle this session came from (for a silent re-authorization after reload). */
  launch?: string;
  context: LaunchContext;
  vault: Vault;
}

export class SessionHandle {
  readonly iss: string;
  readonly mode: LaunchMode;
  readonly launch?: string;
  readonly context: LaunchContext;
  status: SessionStatus = 'active';
  endReason?: SessionEndReason;
  private readonly vault: Vault;
  private listeners = new Set<() => void>();

  constructor(options: SessionHandleOptions) {
    this.iss = options.iss;
    this.mode = options.mode;
    this.launch = options.launch;
    this.context = options.context;
    this.vault = options.vault;
    this.vault.watch((status) => this.apply(status));
  }

  /** One FHIR request through the vault. */
  request = (request: FhirRequest, signal?: AbortSignal): Promise<Outcome<unknown>> => this.vault.request(request, signal);

  /** The page is visible again or back online: the vault re-checks the token's expiry now. */
  wake(): void {
    if (this.status !== 'ended') this.vault.wake();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Ends the session: revokes its tokens when they may still be valid, then terminates the vault. Idempotent. */
  end(reason: SessionEndReason): Promise<void> {
    if (this.status === 'ended') return Promise.resolve();
    this.markEnded(reason);
    if (!REVOKE_ON.has(reason)) {
      this.vault.terminate();
      return Promise.resolve();
    }
    return this.vault.signOut(reason).then(
      () => this.vault.terminate(),
      () => this.vault.terminate(),
    );
  }

  private apply(status: VaultStatus): void {
    if (this.status === 'ended') return;
    if (status.status === 'ended') {
      this.markEnded(status.reason);
      this.vault.terminate();
      return;
    }
    if (status.status === this.status) return;
    this.status = status.status;
    this.emit();
  }

  private markEnded(reason: SessionEndReason): void {
    this.status = 'ended';
    this.endReason = reason;
    this.emit();
    this.listeners.clear();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
