// React Query retry rules for FHIR: 4xx are final (except 408/429), network errors and 5xx get a bounded retry
// with exponential backoff that honours Retry-After.
import { FhirHttpError, FhirNetworkError } from './errors';

export const MAX_RETRIES = 3;
const MAX_DELAY_MS = 30_000;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (error instanceof FhirNetworkError) return true;
  if (error instanceof FhirHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return false;
}

export function retryDelay(failureCount: number, error: unknown): number {
  if (error instanceof FhirHttpError && error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, MAX_DELAY_MS);
  return Math.min(500 * 2 ** failureCount, MAX_DELAY_MS);
}
