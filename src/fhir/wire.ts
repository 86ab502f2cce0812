// FHIR requests and their outcomes as plain data, so they can cross the token vault's worker boundary
// (structured clone keeps no classes); errors become the same error classes again on the page.
import type { OperationOutcome } from 'fhir/r4';
import { FhirForeignLinkError, FhirFormatError, FhirHttpError, FhirNetworkError, FhirSessionEndedError } from './errors';

export type FhirRequest =
  | { kind: 'read'; resourceType: string; id: string }
  | { kind: 'search'; resourceType: string; params: Record<string, string | string[]> }
  | { kind: 'page'; url: string };

/** The same request, however its search parameters were ordered: a key for prefetched answers. */
export function requestKey(request: FhirRequest): string {
  if (request.kind !== 'search') return JSON.stringify(request);
  const params = Object.entries(request.params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ ...request, params });
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WireError };

export type WireError =
  | { kind: 'http'; status: number; message: string; outcome?: OperationOutcome; retryAfterMs?: number }
  | { kind: 'network' }
  | { kind: 'format'; message: string }
  | { kind: 'foreign-link'; url: string }
  | { kind: 'session-ended'; reason: string }
  | { kind: 'abort' }
  | { kind: 'unknown'; message: string };

export function toWireError(error: unknown): WireError {
  if (error instanceof FhirHttpError) {
    return { kind: 'http', status: error.status, message: error.message, outcome: error.outcome, retryAfterMs: error.retryAfterMs };
  }
  if (error instanceof FhirNetworkError) return { kind: 'network' };
  if (error instanceof FhirFormatError) return { kind: 'format', message: error.message };
  if (error instanceof FhirForeignLinkError) return { kind: 'foreign-link', url: error.url };
  if (error instanceof FhirSessionEndedError) return { kind: 'session-ended', reason: error.reason };
  if ((error as { name?: unknown })?.name === 'AbortError') return { kind: 'abort' };
  return { kind: 'unknown', message: error instanceof Error ? error.message : 'Unexpected error.' };
}

export function fromWireError(wire: WireError): Error {
  switch (wire.kind) {
    case 'http':
      return new FhirHttpError(wire.status, wire.message, wire.outcome, wire.retryAfterMs);
    case 'network':
      return new FhirNetworkError();
    case 'format':
      return Object.assign(new FhirFormatError(''), { message: wire.message });
    case 'foreign-link':
      return new FhirForeignLinkError(wire.url);
    case 'session-ended':
      return new FhirSessionEndedError(wire.reason);
    case 'abort':
      return new DOMException('The request was cancelled.', 'AbortError');
    default:
      return new Error(wire.message);
  }
}
