// What a reload needs to sign in again silently: the FHIR server, the launch mode and handle, the view.
// Kept in this tab's history entry (history.state), not in web storage: it survives a reload of this tab only,
// holds no token and no patient data, and is gone when the tab closes.
import type { LaunchMode } from '../smart/launchParams';
import type { SessionStore } from '../smart/sessionStore';

export interface ResumeHint {
  iss: string;
  mode: LaunchMode;
  launch?: string;
}

const KEY = 'smartResume';

export function rememberResume(hint: ResumeHint): void {
  const state = (window.history.state ?? {}) as Record<string, unknown>;
  const current = state[KEY] as ResumeHint | undefined;
  if (current?.iss === hint.iss && current.mode === hint.mode && current.launch === hint.launch) return;
  window.history.replaceState({ ...state, [KEY]: hint }, '');
}

/** On a chart page of a signed-in session: this history entry can resume after a reload. */
export function rememberResumeIfSignedIn(store: SessionStore, pathname: string): void {
  const session = store.current;
  if (session && pathname.startsWith('/chart')) rememberResume({ iss: session.iss, mode: session.mode, launch: session.launch });
}

export function readResume(): ResumeHint | undefined {
  const hint = (window.history.state as Record<string, unknown> | null)?.[KEY] as Partial<ResumeHint> | undefined;
  if (!hint || typeof hint.iss !== 'string' || (hint.mode !== 'ehr' && hint.mode !== 'standalone')) return undefined;
  return { iss: hint.iss, mode: hint.mode, launch: typeof hint.launch === 'string' ? hint.launch : undefined };
}

export function forgetResume(): void {
  const state = { ...((window.history.state ?? {}) as Record<string, unknown>) };
  delete state[KEY];
  window.history.replaceState(state, '');
}
