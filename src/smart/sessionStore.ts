// Holds the one current session. A new launch replaces (and ends) the previous one; listeners (the app's
// wiring) clear every cached patient datum whenever the session changes or ends.
import type { SessionEndReason } from './errors';
import type { SessionHandle } from './SessionHandle';

type Listener = () => void;

export interface SessionSnapshot {
  session: SessionHandle | null;
  /** Why the last session ended, when there is no active one because it ended. */
  endReason?: SessionEndReason;
  /** The FHIR server and launch mode of the session that ended (for the relaunch action). */
  ended?: { iss: string; mode: 'ehr' | 'standalone' };
  /** Bumps on every change so React sees a new snapshot. */
  version: number;
}

const describe = (session: SessionHandle) => ({ iss: session.iss, mode: session.mode });

export class SessionStore {
  private snapshot: SessionSnapshot = { session: null, version: 0 };
  private listeners = new Set<Listener>();
  private unsubscribeSession?: () => void;

  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get current(): SessionHandle | null {
    return this.snapshot.session;
  }

  /** Starts `session`, ending whatever session was there. */
  start(session: SessionHandle): void {
    this.detach('replaced');
    this.unsubscribeSession = session.subscribe(() => {
      if (session.status === 'ended') this.update({ session: null, endReason: session.endReason, ended: describe(session) });
      else this.update({ session });
    });
    this.update({ session });
  }

  /** Ends the current session (sign-out, or a new launch about to start). */
  clear(reason: SessionEndReason): void {
    this.detach(reason);
    const previous = this.snapshot.session;
    this.update(reason === 'replaced' || !previous ? { session: null } : { session: null, endReason: reason, ended: describe(previous) });
  }

  private detach(reason: SessionEndReason): void {
    this.unsubscribeSession?.();
    this.unsubscribeSession = undefined;
    void this.snapshot.session?.end(reason);
  }

  private update(next: Omit<SessionSnapshot, 'version'>): void {
    this.snapshot = { ...next, version: this.snapshot.version + 1 };
    for (const listener of this.listeners) listener();
  }
}

export const sessionStore = new SessionStore();
