import { describe, expect, it } from 'vitest';
import { FhirFormatError, FhirHttpError, FhirNetworkError } from '../../../src/fhir/errors';
import { MAX_RETRIES, retryDelay, shouldRetry } from '../../../src/fhir/retryPolicy';

const http = (status: number, retryAfterMs?: number) => new FhirHttpError(status, `HTTP ${status}`, undefined, retryAfterMs);

describe('shouldRetry', () => {
  it.each([400, 401, 403, 404, 409, 410, 422])('does not retry HTTP %s', (status) => {
    expect(shouldRetry(0, http(status))).toBe(false);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries HTTP %s', (status) => {
    expect(shouldRetry(0, http(status))).toBe(true);
  });

  it('retries a network error', () => {
    expect(shouldRetry(0, new FhirNetworkError())).toBe(true);
  });

  it.each([
    ['a format error', new FhirFormatError('x')],
    ['an abort', new DOMException('aborted', 'AbortError')],
    ['an unknown error', new Error('x')],
  ])('does not retry %s', (_label, error) => {
    expect(shouldRetry(0, error)).toBe(false);
  });

  it('retries at most MAX_RETRIES times', () => {
    expect(MAX_RETRIES).toBeGreaterThan(0);
    const attempts = [0, 1, 2, 3, 4, 5].filter((n) => shouldRetry(n, http(503)));
    expect(attempts).toEqual([...Array(MAX_RETRIES).keys()]);
    expect(shouldRetry(MAX_RETRIES, new FhirNetworkError())).toBe(false);
    expect(shouldRetry(MAX_RETRIES - 1, new FhirNetworkError())).toBe(true);
  });
});

describe('retryDelay', () => {
  it('honours Retry-After', () => {
    expect(retryDelay(0, http(429, 7_000))).toBe(7_000);
    expect(retryDelay(2, http(503, 1_000))).toBe(1_000);
  });

  it('honours a Retry-After of zero', () => {
    expect(retryDelay(2, http(503, 0))).toBe(0);
  });

  it('caps a long Retry-After at 30 s', () => {
    expect(retryDelay(0, http(429, 3_600_000))).toBe(30_000);
  });

  it('backs off exponentially without Retry-After', () => {
    const delays = [0, 1, 2, 3].map((n) => retryDelay(n, new FhirNetworkError()));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
    expect(retryDelay(1, http(503))).toBe(1_000);
  });

  it('caps the backoff at 30 s', () => {
    expect(retryDelay(10, http(503))).toBe(30_000);
  });
});
