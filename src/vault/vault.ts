// The token vault's implementation of its door (api.ts). One vault holds one session; the page starts a fresh
// worker per launch and terminates it when the session ends, so nothing of a session outlives it.
import { FhirSessionEndedError } from '../fhir/errors';
import { toWireError } from '../fhir/wire';
import { isSmartLaunchError, type SessionEndReason } from '../smart/errors';
import type { ExchangeInput, ExchangeOutcome, FhirRequest, Outcome, VaultApi, VaultStatus } from './api';
import { exchangeCode, type Exchanged } from './exchange';
import { createVaultFhirClient } from './fhirClient';
import { withPrefetch } from './prefetch';
import { landingRequests } from '../fhir/landing';
import { withScopes } from '../smart/launchContext';
import { SessionEndedError } from './SmartSession';

const REVOKE_TIMEOUT_MS = 5_000;

export function createVault(): VaultApi {
  let current: (Exchanged & { perform: ReturnType<typeof withPrefetch>['perform']; clear: () => void }) | undefined;
  let started = false;
  let endedReason: SessionEndReason | undefined;
  const controllers = new Map<number, AbortController>();
  const listeners: ((status: VaultStatus) => void)[] = [];

  const statusOf = (): VaultStatus => {
    const session = current?.session;
    if (session?.status === 'ended') endedReason ??= session.endReason ?? 'expired';
    if (!session || session.status === 'ended') return { status: 'ended', reason: endedReason ?? 'expired' };
    return { status: session.status };
  };
  const notify = () => {
    const status = statusOf();
    for (const listener of listeners) void Promise.resolve(listener(status)).catch(() => undefined);
  };

  function drop(reason: SessionEndReason): void {
    const session = current?.session;
    for (const controller of controllers.values()) controller.abort();
    controllers.clear();
    endedReason ??= reason;
    session?.end(reason);
    current?.clear();
    current = undefined;
  }

  const api: VaultApi = {
    async exchange(input: ExchangeInput): Promise<ExchangeOutcome> {
      if (started) return { ok: false, code: 'token_exchange_failed', detail: 'This vault already holds a session.' };
      started = true;
      try {
        const exchanged = await exchangeCode(input);
        const { session } = exchanged;
        const fhir = withPrefetch(createVaultFhirClient({
          baseUrl: exchanged.context.fhirBaseUrl,
          tokens: {
            getAccessToken: () => session.getAccessToken(),
            refreshAfterUnauthorized: (rejected) => session.refreshAfterUnauthorized(rejected),
            onUnauthorized: () => session.end('unauthorized'),
          },
        }));
        current = { ...exchanged, perform: fhir.perform, clear: fhir.clear };
        session.subscribe(notify);
        // The landing view's requests leave now, before the page has even heard the token arrived.
        if (input.landing) fhir.prefetch(landingRequests(withScopes(exchanged.context)));
        return { ok: true, context: exchanged.context };
      } catch (error) {
        if (isSmartLaunchError(error)) return { ok: false, code: error.code, detail: error.detail };
        return { ok: false, code: 'token_exchange_failed', detail: 'The sign-in could not be completed.' };
      }
    },

    async request(id: number, request: FhirRequest): Promise<Outcome<unknown>> {
      const perform = current?.perform;
      if (!perform) return { ok: false, error: { kind: 'session-ended', reason: endedReason ?? 'expired' } };
      const controller = new AbortController();
      controllers.set(id, controller);
      try {
        return { ok: true, value: await perform(request, controller.signal) };
      } catch (error) {
        const ended = error instanceof SessionEndedError ? new FhirSessionEndedError(error.reason) : error;
        return { ok: false, error: toWireError(controller.signal.aborted ? new DOMException('Aborted', 'AbortError') : ended) };
      } finally {
        controllers.delete(id);
      }
    },

    abort(id: number): void {
      controllers.get(id)?.abort();
    },

    watch(listener: (status: VaultStatus) => void): void {
      listeners.push(listener);
    },

    wake(): void {
      current?.session.wake();
    },

    async signOut(reason: SessionEndReason): Promise<{ revoked: boolean }> {
      const held = current;
      if (!held) return { revoked: false };
      const { accessToken, refreshToken } = held.session.revocableTokens();
      drop(reason);
      if (!held.revoke) return { revoked: false };
      const revoke = held.revoke;
      const attempts = [refreshToken && revoke(refreshToken, 'refresh_token'), accessToken && revoke(accessToken, 'access_token')].filter(
        (p): p is Promise<void> => !!p,
      );
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), REVOKE_TIMEOUT_MS));
      const results = await Promise.race([Promise.allSettled(attempts), timeout]);
      return { revoked: results !== 'timeout' && results.length > 0 && results.every((r) => r.status === 'fulfilled') };
    },

    end(reason: SessionEndReason): void {
      drop(reason);
    },
  };

  // Workers get `online` events of their own: a refresh waiting out a network loss retries at once.
  if (typeof self !== 'undefined' && typeof self.addEventListener === 'function') {
    self.addEventListener('online', () => current?.session.wake());
  }
  return api;
}
