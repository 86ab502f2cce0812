// The record a launch leaves in this tab's sessionStorage for the redirect round trip. It holds no token:
// only what the callback needs to check and finish the launch. Deleted on callback.
import type { LaunchMode } from './launchParams';
import type { SmartDiscovery } from './discovery';

export interface PendingLaunch {
  stateId: string;
  /** Extra 128 random bits carried in the state parameter after oidc-client-ts's own 122-bit state id. */
  stateSecret: string;
  nonce?: string;
  iss: string;
  serverId: string;
  clientId: string;
  /** The client_id came from dynamic registration (a refused one is forgotten). */
  registered?: boolean;
  redirectUri: string;
  mode: LaunchMode;
  /** The EHR's launch handle, kept to re-authorize silently after a reload. */
  launch?: string;
  scope: string;
  /** A silent re-authorization (prompt=none). */
  silent?: boolean;
  /** Where to go after sign-in: an app route under /chart. */
  returnTo?: string;
  discovery: SmartDiscovery;
  createdAt: number;
}

const PREFIX = 'smart.pending.';
/** oidc-client-ts's own record of the same sign-in (state id, PKCE verifier, nonce), under this prefix. */
export const OIDC_STATE_PREFIX = 'smart.oidc.';
const MAX_AGE_MS = 15 * 60 * 1000;

export function savePendingLaunch(record: PendingLaunch, storage: Storage = sessionStorage): void {
  removeAbandonedLaunches(storage, record.createdAt);
  storage.setItem(PREFIX + record.stateId, JSON.stringify(record));
}

/** Every pending launch of this tab (not expired), oldest first. */
export function pendingLaunches(storage: Storage = sessionStorage, now = Date.now()): PendingLaunch[] {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => !!k?.startsWith(PREFIX));
  return keys
    .map((key) => readPendingLaunch(key.slice(PREFIX.length), storage, now))
    .filter((r): r is PendingLaunch => r !== undefined)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Launches the user walked away from (never came back to /callback) do not pile up in this tab. */
function removeAbandonedLaunches(storage: Storage, now: number): void {
  const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter((k): k is string => !!k?.startsWith(PREFIX));
  for (const key of keys) {
    if (!readPendingLaunch(key.slice(PREFIX.length), storage, now)) storage.removeItem(key);
  }
}

export function readPendingLaunch(stateId: string, storage: Storage = sessionStorage, now = Date.now()): PendingLaunch | undefined {
  const raw = storage.getItem(PREFIX + stateId);
  if (!raw) return undefined;
  try {
    const record = JSON.parse(raw) as PendingLaunch;
    return now - record.createdAt > MAX_AGE_MS ? undefined : record;
  } catch {
    return undefined;
  }
}

export function removePendingLaunch(stateId: string, storage: Storage = sessionStorage): void {
  storage.removeItem(PREFIX + stateId);
}

/** Splits the `state` parameter into oidc-client-ts's state id and our secret suffix. */
export function splitState(state: string): { stateId: string; secret: string } {
  const at = state.indexOf(';');
  return at < 0 ? { stateId: state, secret: '' } : { stateId: state.slice(0, at), secret: state.slice(at + 1) };
}
