// What components may know about the session: status and launch context. Never a token.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LaunchContext } from './launchContext';
import { sessionStore as defaultStore, type SessionStore } from './sessionStore';
import type { SessionEndReason } from './errors';

export const SessionStoreContext = createContext<SessionStore>(defaultStore);

export type SessionStatusView =
  | { status: 'none' }
  | { status: 'active' | 'refreshing' | 'reconnecting' }
  | { status: 'ended'; reason: SessionEndReason };

function useSnapshot() {
  const store = useContext(SessionStoreContext);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

export function useSessionStatus(): SessionStatusView {
  const { session, endReason } = useSnapshot();
  if (session) return { status: session.status === 'ended' ? 'active' : session.status };
  return endReason ? { status: 'ended', reason: endReason } : { status: 'none' };
}

export function useLaunchContext(): LaunchContext | undefined {
  return useSnapshot().session?.context;
}

export function useSessionStore(): SessionStore {
  return useContext(SessionStoreContext);
}

/** The FHIR server and launch mode of the session that just ended, for a relaunch action. */
export function useEndedSession() {
  return useSnapshot().ended;
}
