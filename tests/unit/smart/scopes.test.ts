import { describe, expect, it } from 'vitest';
import { buildScope, parseGrantedScopes, scopeSyntaxFor, toV1Scope } from '../../../src/smart/scopes';

describe('toV1Scope', () => {
  it.each([
    ['patient/Observation.rs', 'patient/Observation.read'],
    ['patient/Observation.r', 'patient/Observation.read'],
    ['patient/Observation.s', 'patient/Observation.read'],
    ['user/Encounter.rs', 'user/Encounter.read'],
    ['patient/Observation.rs?category=laboratory', 'patient/Observation.read'],
    ['patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs', 'patient/Observation.read'],
    ['patient/Observation.cruds', 'patient/Observation.*'],
    ['patient/Observation.rus', 'patient/Observation.*'],
    ['patient/*.cruds', 'patient/*.*'],
    ['patient/Observation.cud', 'patient/Observation.write'],
    ['patient/Observation.c', 'patient/Observation.write'],
    ['system/Patient.rs', 'system/Patient.read'],
  ])('%s → %s', (v2, v1) => {
    expect(toV1Scope(v2)).toBe(v1);
  });

  it.each(['patient/Observation.read', 'patient/Observation.write', 'patient/Observation.*', 'user/*.read'])(
    'leaves the v1 scope %s as it is',
    (scope) => {
      expect(toV1Scope(scope)).toBe(scope);
    },
  );

  it.each(['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access'])(
    'leaves the non-resource scope %s unchanged',
    (scope) => {
      expect(toV1Scope(scope)).toBe(scope);
    },
  );
});

describe('scopeSyntaxFor', () => {
  it.each<[string[], 'v1' | 'v2']>([
    [['permission-v1'], 'v1'],
    [['launch-ehr', 'permission-v1', 'client-public'], 'v1'],
    [['permission-v1', 'permission-v2'], 'v2'],
    [['permission-v2'], 'v2'],
    [['launch-ehr', 'client-public'], 'v2'],
    [[], 'v2'],
  ])('%j → %s', (capabilities, syntax) => {
    expect(scopeSyntaxFor(capabilities)).toBe(syntax);
  });
});

describe('buildScope', () => {
  const configured = 'openid fhirUser launch/patient patient/Patient.rs patient/Observation.rs';

  it('puts `launch` first for an EHR launch when it is not configured', () => {
    expect(buildScope(configured, 'v2', 'ehr')).toBe(`launch ${configured}`);
  });

  it('does not add a second `launch` for an EHR launch', () => {
    expect(buildScope('openid launch patient/Patient.rs', 'v2', 'ehr')).toBe('openid launch patient/Patient.rs');
  });

  it('removes `launch` (but keeps launch/patient) for a standalone launch', () => {
    expect(buildScope('launch openid launch/patient patient/Patient.rs', 'v2', 'standalone')).toBe(
      'openid launch/patient patient/Patient.rs',
    );
  });

  it('keeps v2 scopes as they are with v2 syntax', () => {
    expect(buildScope('patient/Observation.rs?category=laboratory', 'v2', 'standalone')).toBe('patient/Observation.rs?category=laboratory');
  });

  it('converts to v1 and removes the duplicates the conversion creates', () => {
    expect(
      buildScope(
        'openid patient/Observation.rs?category=laboratory patient/Observation.rs?category=vital-signs patient/Patient.rs',
        'v1',
        'ehr',
      ),
    ).toBe('launch openid patient/Observation.read patient/Patient.read');
  });

  it('removes duplicates and extra whitespace from the configured string', () => {
    expect(buildScope('  openid   openid\tpatient/Patient.rs\npatient/Patient.rs ', 'v2', 'standalone')).toBe('openid patient/Patient.rs');
  });
});

describe('parseGrantedScopes', () => {
  it('lists every granted scope', () => {
    expect(parseGrantedScopes(' openid  patient/Patient.rs ').all).toEqual(['openid', 'patient/Patient.rs']);
    expect(parseGrantedScopes(undefined).all).toEqual([]);
  });

  it.each<[string, string, boolean]>([
    ['patient/Observation.read', 'Observation', true],
    ['patient/Observation.rs', 'Observation', true],
    ['patient/Observation.r', 'Observation', true],
    ['patient/Observation.cruds', 'Observation', true],
    ['patient/Observation.rs?category=laboratory', 'Observation', true],
    ['patient/Observation.*', 'Observation', true],
    ['patient/*.read', 'Encounter', true],
    ['patient/*.rs', 'Encounter', true],
    ['user/Observation.read', 'Observation', true],
    ['user/*.rs', 'Patient', true],
    ['system/Observation.rs', 'Observation', true],
    ['patient/Observation.rs', 'Encounter', false],
    ['patient/Observation.write', 'Observation', false],
    ['patient/Observation.cud', 'Observation', false],
    ['patient/Observation.c', 'Observation', false],
    ['patient/*.write', 'Observation', false],
    ['patient/Observation.rx', 'Observation', false],
    ['openid fhirUser launch/patient', 'Patient', false],
    ['', 'Patient', false],
  ])('granted "%s": canRead(%s) is %s', (granted, resourceType, expected) => {
    expect(parseGrantedScopes(granted).canRead(resourceType)).toBe(expected);
  });

  it('reads each resource type from its own scope', () => {
    const scopes = parseGrantedScopes('openid launch/patient patient/Patient.read patient/Observation.write user/Encounter.rs');
    expect(['Patient', 'Observation', 'Encounter', 'Condition'].filter((t) => scopes.canRead(t))).toEqual(['Patient', 'Encounter']);
  });

  it('does not treat a resource type prefix as a match', () => {
    expect(parseGrantedScopes('patient/Observation.rs').canRead('Observ')).toBe(false);
    expect(parseGrantedScopes('patient/Obs.rs').canRead('Observation')).toBe(false);
  });

  it('handles undefined (no scope in the token response)', () => {
    expect(parseGrantedScopes(undefined).canRead('Patient')).toBe(false);
  });
});
