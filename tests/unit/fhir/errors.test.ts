import type { OperationOutcome } from 'fhir/r4';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FhirFormatError, FhirHttpError, FhirNetworkError, isUnauthorized, outcomeText, parseRetryAfter, toFhirError } from '../../../src/fhir/errors';

/** What fhir-kit-client throws for a non-2xx answer (or an unparseable body): `config.headers` are the response's. */
function kitError(status: number, data: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), { response: { status, data }, config: { headers: new Headers(headers), status, url: 'https://ehr.example/fhir/Patient/p1' } });
}

const outcome = (...issue: OperationOutcome['issue']): OperationOutcome => ({ resourceType: 'OperationOutcome', issue });

afterEach(() => {
  vi.useRealTimers();
});

describe('toFhirError', () => {
  it('keeps the OperationOutcome details.text as the message', () => {
    const body = outcome({ severity: 'error', code: 'processing', details: { text: 'Unknown search parameter "foo"' }, diagnostics: 'stack trace' });
    const error = toFhirError(kitError(400, body));
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ status: 400, message: 'Unknown search parameter "foo"', outcome: body, retryAfterMs: undefined });
  });

  it('falls back to diagnostics and joins several issues', () => {
    const body = outcome(
      { severity: 'error', code: 'forbidden', diagnostics: 'Access to Patient/p2 is not allowed.' },
      { severity: 'information', code: 'informational', details: { text: ' ' } },
      { severity: 'error', code: 'forbidden', details: { text: 'Consent withheld.' } },
    );
    expect((toFhirError(kitError(403, body)) as FhirHttpError).message).toBe('Access to Patient/p2 is not allowed. Consent withheld.');
  });

  it.each([
    [401, 'The FHIR server did not accept the sign-in.'],
    [404, 'Not found on the FHIR server.'],
    [503, 'The FHIR server is temporarily unavailable.'],
    [418, 'The FHIR server answered HTTP 418.'],
  ])('uses a plain message for HTTP %s without an OperationOutcome', (status, message) => {
    const error = toFhirError(kitError(status, '<html><body>Error</body></html>'));
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error).toMatchObject({ status, message, outcome: undefined });
  });

  it('ignores a JSON body that is not an OperationOutcome', () => {
    const error = toFhirError(kitError(500, { resourceType: 'Bundle', issue: [{ diagnostics: 'nope' }] })) as FhirHttpError;
    expect(error.outcome).toBeUndefined();
    expect(error.message).toBe('The FHIR server had an internal error.');
  });

  it('parses Retry-After in seconds', () => {
    expect((toFhirError(kitError(429, {}, { 'Retry-After': '120' })) as FhirHttpError).retryAfterMs).toBe(120_000);
  });

  it('parses Retry-After as an HTTP date', () => {
    vi.useFakeTimers({ now: new Date('2025-01-01T12:00:00Z') });
    const error = toFhirError(kitError(503, {}, { 'retry-after': 'Wed, 01 Jan 2025 12:00:30 GMT' })) as FhirHttpError;
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('reports a 2xx that fhir-kit-client could not parse as a format error', () => {
    const error = toFhirError(kitError(200, '<html>Login</html>'));
    expect(error).toBeInstanceOf(FhirFormatError);
    expect((error as Error).message).toContain('not valid JSON');
  });

  it('reports a fetch TypeError as a network error', () => {
    expect(toFhirError(new TypeError('Failed to fetch'))).toBeInstanceOf(FhirNetworkError);
  });

  it('lets an AbortError through unchanged', () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError');
    expect(toFhirError(abort)).toBe(abort);
  });

  it.each([
    ['an HTTP error', new FhirHttpError(404, 'x')],
    ['a network error', new FhirNetworkError()],
    ['a format error', new FhirFormatError('x')],
  ])('returns %s it already made unchanged', (_label, error) => {
    expect(toFhirError(error)).toBe(error);
  });

  it.each([
    ['a plain Error', new Error('Invalid resourceType: Foo')],
    ['a string', 'boom'],
    ['undefined', undefined],
  ])('lets %s through unchanged', (_label, error) => {
    expect(toFhirError(error)).toBe(error);
  });

  it('survives a kit error without headers', () => {
    const error = toFhirError({ response: { status: 429, data: {} } }) as FhirHttpError;
    expect(error).toBeInstanceOf(FhirHttpError);
    expect(error.retryAfterMs).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');

  it.each<[string | null | undefined, number | undefined]>([
    ['0', 0],
    ['5', 5_000],
    ['1.5', 1_500],
    ['-3', 0],
    ['Wed, 01 Jan 2025 12:01:00 GMT', 60_000],
    ['Wed, 01 Jan 2025 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('outcomeText / isUnauthorized', () => {
  it('gives no text for an outcome without readable issues', () => {
    expect(outcomeText(undefined)).toBeUndefined();
    expect(outcomeText(outcome({ severity: 'error', code: 'exception' }))).toBeUndefined();
  });

  it('recognises only an HTTP 401', () => {
    expect(isUnauthorized(new FhirHttpError(401, 'x'))).toBe(true);
    expect(isUnauthorized(new FhirHttpError(403, 'x'))).toBe(false);
    expect(isUnauthorized({ status: 401 })).toBe(false);
  });
});
