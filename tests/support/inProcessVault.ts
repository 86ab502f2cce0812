// The token vault without a Worker (jsdom has none): the real vault code, in this realm. `inProcessVault` runs
// createVault() behind Comlink over a MessageChannel, so every call and answer is structured-cloned as it would
// be between the page and the worker; `vaultHolding` starts a vault session from given tokens (view tests).
import { expose, wrap } from 'comlink';
import type { VaultApi, VaultStatus } from '../../src/vault/api';
import { createVault } from '../../src/vault/vault';
import { createVaultFhirClient } from '../../src/vault/fhirClient';
import { SmartSession, type RefreshGrant, type TokenSet } from '../../src/vault/SmartSession';
import { vaultOver, type Vault } from '../../src/smart/vaultClient';
import { toWireError } from '../../src/fhir/wire';
import { landingRequests, type LandingContext } from '../../src/fhir/landing';
import { withPrefetch } from '../../src/vault/prefetch';

const open = new Set<MessagePort>();

export function inProcessVault(): Vault {
  const { port1, port2 } = new MessageChannel();
  open.add(port1);
  open.add(port2);
  expose(createVault(), port1);
  return vaultOver(wrap<VaultApi>(port2), {
    close: () => {
      port1.close();
      port2.close();
    },
    onFailure: () => undefined,
  });
}

/** Closes every channel the tests opened (Node keeps the process alive for open ports). */
export function closeInProcessVaults(): void {
  for (const port of open) port.close();
  open.clear();
}

/** A vault that already holds `tokens` for `baseUrl`: the session a launch would have started. */
export function vaultHolding({ baseUrl, tokens, refreshGrant, landing }: { baseUrl: string; tokens: TokenSet; refreshGrant?: RefreshGrant; landing?: LandingContext }): Vault {
  const session = new SmartSession({ tokens, refreshGrant });
  const fhir = withPrefetch(createVaultFhirClient({
    baseUrl,
    tokens: {
      getAccessToken: () => session.getAccessToken(),
      refreshAfterUnauthorized: (rejected) => session.refreshAfterUnauthorized(rejected),
      onUnauthorized: () => session.end('unauthorized'),
    },
  }));
  // As the vault does after an exchange: the landing view's requests leave at once.
  if (landing) fhir.prefetch(landingRequests(landing));
  const perform = fhir.perform;
  const listeners: ((status: VaultStatus) => void)[] = [];
  session.subscribe(() =>
    listeners.forEach((l) => l(session.status === 'ended' ? { status: 'ended', reason: session.endReason ?? 'expired' } : { status: session.status })),
  );
  return {
    exchange: async () => ({ ok: false, code: 'token_exchange_failed' }),
    async request(request, signal) {
      try {
        return { ok: true, value: structuredClone(await perform(request, signal)) };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    },
    watch: (listener) => void listeners.push(listener),
    wake: () => session.wake(),
    started: async () => undefined,
    signOut: async (reason) => {
      session.end(reason);
      return { revoked: false };
    },
    terminate: () => session.end('expired'),
  };
}
