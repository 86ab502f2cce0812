// Helpers for asserting on SmartLaunchError: the code the UI switches on and the admin-facing detail.
import { expect } from 'vitest';
import { SmartLaunchError, type SmartErrorCode } from '../../../src/smart/errors';

/** The error `fn` throws; fails the test when it does not throw. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to throw, but it returned normally.');
}

/** The reason `promise` rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
}

/** Asserts `error` is a SmartLaunchError with `code` and, if given, a detail containing/matching `detail`. */
export function expectLaunchError(error: unknown, code: SmartErrorCode, detail?: string | RegExp): SmartLaunchError {
  expect(error).toBeInstanceOf(SmartLaunchError);
  const launchError = error as SmartLaunchError;
  expect(launchError.code).toBe(code);
  if (detail !== undefined) expect(launchError.detail).toMatch(detail);
  return launchError;
}
