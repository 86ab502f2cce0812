// The page's end of the token vault: starts the worker and talks to it through Comlink. Every call settles,
// also when the worker is terminated or fails to start (a Comlink call to a dead worker would hang forever).
import { proxy, wrap, type Remote } from 'comlink';
import type { FhirRequest, Outcome } from '../fhir/wire';
import type { ExchangeInput, ExchangeOutcome, VaultApi, VaultStatus } from '../vault/api';
import type { SessionEndReason } from './errors';
import vaultWorkerUrl from '../vault/vault.worker.ts?worker&url';

export interface Vault {
  exchange(input: ExchangeInput): Promise<ExchangeOutcome>;
  request(request: FhirRequest, signal?: AbortSignal): Promise<Outcome<unknown>>;
  watch(listener: (status: VaultStatus) => void): void;
  wake(): void;
  /** Resolves once the worker runs and has the messages sent so far (e.g. the exchange). */
  started(): Promise<void>;
  signOut(reason: SessionEndReason): Promise<{ revoked: boolean }>;
  /** Ends the worker and with it everything it held. */
  terminate(): void;
}

type Closer = { close(): void; onFailure(listener: () => void): void };

/** A Vault over a Comlink endpoint (the worker, or a MessagePort in tests). */
export function vaultOver(remote: Remote<VaultApi>, closer: Closer): Vault {
  let nextId = 1;
  let closed = false;
  const unsettled = new Set<() => void>();
  const ended = { ok: false, error: { kind: 'session-ended', reason: 'expired' } } as const;

  /** Resolves with `fallback` if the worker goes away before `call` settles. */
  function guarded<T>(call: () => Promise<T>, fallback: T): Promise<T> {
    if (closed) return Promise.resolve(fallback);
    return new Promise<T>((resolve) => {
      const giveUp = () => resolve(fallback);
      unsettled.add(giveUp);
      call().then(resolve, () => resolve(fallback)).finally(() => unsettled.delete(giveUp));
    });
  }
  const close = () => {
    if (closed) return;
    closed = true;
    closer.close();
    for (const giveUp of [...unsettled]) giveUp();
  };
  closer.onFailure(close);

  return {
    exchange: (input) =>
      guarded<ExchangeOutcome>(() => remote.exchange(input), { ok: false, code: 'vault_unavailable', detail: 'The token vault (a Web Worker) did not start or stopped.' }),
    request(request, signal) {
      if (signal?.aborted) return Promise.resolve({ ok: false, error: { kind: 'abort' } });
      const id = nextId++;
      const onAbort = () => void remote.abort(id).catch(() => undefined);
      signal?.addEventListener('abort', onAbort, { once: true });
      return guarded<Outcome<unknown>>(() => remote.request(id, request), ended).finally(() => signal?.removeEventListener('abort', onAbort));
    },
    watch: (listener) => void guarded(() => remote.watch(proxy(listener)), undefined),
    wake: () => void guarded(() => remote.wake(), undefined),
    started: () => guarded(() => remote.wake(), undefined),
    signOut: (reason) => guarded(() => remote.signOut(reason), { revoked: false }),
    terminate: close,
  };
}

function spawnWorkerVault(): Vault {
  const worker = new Worker(vaultWorkerUrl, { type: 'module', name: 'smart-vault' });
  return vaultOver(wrap<VaultApi>(worker), {
    close: () => worker.terminate(),
    onFailure: (listener) => worker.addEventListener('error', listener),
  });
}

/** The URL of the vault's code, to prefetch it ahead of the callback page. */
export const vaultScriptUrl = vaultWorkerUrl;

/** How the page gets a vault: a new worker per launch. Tests swap `spawn` for an in-process vault. */
export const vaultFactory: { spawn: () => Vault } = { spawn: spawnWorkerVault };
