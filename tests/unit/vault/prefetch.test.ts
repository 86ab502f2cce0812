import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FhirRequest } from '../../../src/fhir/wire';
import { withPrefetch } from '../../../src/vault/prefetch';

const read: FhirRequest = { kind: 'read', resourceType: 'Patient', id: 'p1' };
const search = (params: Record<string, string>): FhirRequest => ({ kind: 'search', resourceType: 'Observation', params });

afterEach(() => vi.useRealTimers());

describe('answers sent ahead', () => {
  it('serve identical requests (search parameters in any order) while on their way and just after', async () => {
    vi.useFakeTimers();
    const perform = vi.fn(async (request: FhirRequest) => ({ asked: request.kind }));
    const fhir = withPrefetch(perform);
    fhir.prefetch([read, search({ patient: 'p1', category: 'laboratory' })]);
    expect(perform).toHaveBeenCalledTimes(2);
    await fhir.perform(read);
    await fhir.perform(search({ category: 'laboratory', patient: 'p1' }));
    await fhir.perform(read); // a cancelled-and-repeated query
    expect(perform).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_100);
    await fhir.perform(read);
    expect(perform).toHaveBeenCalledTimes(3); // older answers are asked for again
  });

  it('give a failure to its first claimer, even after it arrived; the next request asks the server', async () => {
    const perform = vi.fn(async () => {
      throw new Error('403');
    });
    const fhir = withPrefetch(perform);
    fhir.prefetch([read]);
    await new Promise((r) => setTimeout(r, 10)); // the failure is in before anyone asks
    await expect(fhir.perform(read)).rejects.toThrow('403');
    expect(perform).toHaveBeenCalledTimes(1); // the refusal is not asked for twice
    await expect(fhir.perform(read)).rejects.toThrow('403');
    expect(perform).toHaveBeenCalledTimes(2); // "Try again" does ask again
  });
});
