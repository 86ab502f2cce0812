import { afterEach, describe, expect, it } from 'vitest';
import { defaultKnobs, KnobError, knobs, resetSandboxState, SandboxState, setKnobs, takeFault } from './knobs';

afterEach(() => resetSandboxState());

describe('setKnobs', () => {
  it('applies a valid patch and copies objects (a caller cannot change a knob behind the sandbox)', () => {
    const fault = { status: 503 as const, remaining: 2, retryAfter: 1 };
    setKnobs({ fhirFaults: fault, denyResourceTypes: ['Encounter'], discoveryOmit: ['token_endpoint'], tokenDelayMs: 20_000 });
    fault.remaining = 99;
    expect(knobs).toMatchObject({ fhirFaults: { status: 503, remaining: 2, retryAfter: 1 }, denyResourceTypes: ['Encounter'], tokenDelayMs: 20_000 });
    setKnobs({ fhirFaults: null });
    expect(knobs.fhirFaults).toBeNull();
  });

  it('refuses unknown knobs and wrong shapes, and applies nothing of such a patch', () => {
    const invalid: unknown[] = [
      null,
      [],
      { latencyMS: 5 },
      { latencyMs: -1 },
      { accessTokenTtl: 0 },
      { refuseNextTokenRequests: 1.5 },
      { refuseWith: 'access_denied' },
      { fhirFaults: { status: 404, remaining: 1 } },
      { fhirFaults: { status: 503 } },
      { fhirFaults: { status: 503, remaining: 1, resourcetype: 'Observation' } },
      { fhirFaults: { status: 503, remaining: 1, resourceType: 'observation' } },
      { fhirMalformed: { kind: 'xml', remaining: 1 } },
      { denyResourceTypes: 'Encounter' },
      { discoveryOmit: [''] },
      { accessTokenTtl: 1.5 },
      { promptNoneRequiresHint: 'yes' },
      { ehrPreapproved: 1 },
      { outage: { ms: 1000 } },
      { outage: { ms: 1000, targets: ['fhir', 'dns'] } },
      { outage: { ms: 10 * 60_000 + 1, targets: ['fhir'] } },
    ];
    for (const patch of invalid) {
      expect(() => setKnobs(patch), JSON.stringify(patch)).toThrow(KnobError);
    }
    expect(() => setKnobs({ latencyMs: 100, tokenDelayMs: 'slow' })).toThrow(/tokenDelayMs/);
    expect(knobs).toEqual(defaultKnobs());
  });
});

describe('outage', () => {
  it('is active for its targets until it ends, then switches itself off', () => {
    const state = new SandboxState();
    state.set({ outage: { ms: 50, targets: ['token'] } });
    expect(state.knobs.outage).toMatchObject({ ms: 50, targets: ['token'] });
    expect(state.inOutage('token')).toBe(true);
    expect(state.inOutage('fhir')).toBe(false);
    state.knobs.outage!.until = Date.now() - 1;
    expect(state.inOutage('token')).toBe(false);
    expect(state.knobs.outage).toBeNull();
    // Each state is its own: the default one was not touched.
    expect(knobs.outage).toBeNull();
  });
});

describe('takeFault', () => {
  it('serves a counted fault to matching requests only, then switches it off', () => {
    setKnobs({ fhirFaults: { status: 429, retryAfter: 1, remaining: 2, resourceType: 'Observation' } });
    expect(takeFault('fhirFaults', 'Encounter')).toBeUndefined();
    expect(takeFault('fhirFaults', 'Observation')).toEqual({ status: 429, retryAfter: 1, remaining: 1, resourceType: 'Observation' });
    expect(takeFault('fhirFaults', 'Observation')?.status).toBe(429);
    expect(knobs.fhirFaults).toBeNull();
    expect(takeFault('fhirFaults', 'Observation')).toBeUndefined();
    setKnobs({ fhirMalformed: { kind: 'html', remaining: 1 } });
    expect(takeFault('fhirMalformed', 'Patient')?.kind).toBe('html');
    expect(takeFault('fhirMalformed', 'Patient')).toBeUndefined();
  });
});
