// Every failure of a FHIR request becomes one of these. The server's OperationOutcome text is kept for display.
import type { OperationOutcome } from 'fhir/r4';

export class FhirHttpError extends Error {
  override readonly name = 'FhirHttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly outcome?: OperationOutcome,
    /** From a Retry-After header, in milliseconds. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export class FhirNetworkError extends Error {
  override readonly name = 'FhirNetworkError';
  constructor() {
    super('The FHIR server could not be reached. Check the network connection.');
  }
}

/** A response that is not FHIR JSON (malformed JSON, an HTML error page, a resource of the wrong type). */
export class FhirFormatError extends Error {
  override readonly name = 'FhirFormatError';
  constructor(detail: string) {
    super(`The FHIR server sent an answer the app cannot read (${detail}).`);
  }
}

/** The session ended while the request waited for (or used) its token: the session-ended screen takes over. */
export class FhirSessionEndedError extends Error {
  override readonly name = 'FhirSessionEndedError';
  constructor(readonly reason: string) {
    super('Your session has ended.');
  }
}

/** A `next` link outside the FHIR base: following it would send the patient query to another server. */
export class FhirForeignLinkError extends Error {
  override readonly name = 'FhirForeignLinkError';
  constructor(readonly url: string) {
    super(`The FHIR server sent a link to another server (${originOf(url)}); the app does not follow it.`);
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an unreadable address';
  }
}

export type FhirError = FhirHttpError | FhirNetworkError | FhirFormatError | FhirSessionEndedError | FhirForeignLinkError;

const STATUS_TEXT: Record<number, string> = {
  400: 'The FHIR server rejected the request.',
  401: 'The FHIR server did not accept the sign-in.',
  403: 'You do not have access to this information.',
  404: 'Not found on the FHIR server.',
  429: 'The FHIR server is busy. Please try again shortly.',
  500: 'The FHIR server had an internal error.',
  502: 'The FHIR server is unavailable.',
  503: 'The FHIR server is temporarily unavailable.',
  504: 'The FHIR server did not answer in time.',
};

export function outcomeText(outcome: OperationOutcome | undefined): string | undefined {
  const texts = (outcome?.issue ?? [])
    .map((issue) => issue.details?.text ?? issue.diagnostics)
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  return texts.length ? texts.join(' ') : undefined;
}

export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface KitError {
  response?: { status?: number; data?: unknown };
  config?: { headers?: Headers };
}

/** Normalises what fhir-kit-client or fetch threw. Aborts and unknown errors pass through unchanged. */
export function toFhirError(error: unknown): unknown {
  if (error instanceof FhirHttpError || error instanceof FhirNetworkError || error instanceof FhirFormatError || error instanceof FhirSessionEndedError || error instanceof FhirForeignLinkError) return error;
  if (error instanceof DOMException && error.name === 'AbortError') return error;
  const { response, config } = (error ?? {}) as KitError;
  if (response && typeof response.status === 'number') {
    const { status, data } = response;
    if (status >= 200 && status < 300) return new FhirFormatError('not valid JSON');
    const outcome = (data as OperationOutcome | undefined)?.resourceType === 'OperationOutcome' ? (data as OperationOutcome) : undefined;
    const message = outcomeText(outcome) ?? STATUS_TEXT[status] ?? `The FHIR server answered HTTP ${status}.`;
    return new FhirHttpError(status, message, outcome, parseRetryAfter(config?.headers?.get?.('retry-after')));
  }
  if (error instanceof TypeError) return new FhirNetworkError();
  return error;
}

export const isUnauthorized = (error: unknown) => error instanceof FhirHttpError && error.status === 401;
