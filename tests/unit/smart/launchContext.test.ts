import { describe, expect, it } from 'vitest';
import { resolveFhirUser, toLaunchContext } from '../../../src/smart/launchContext';

const BASE = 'https://ehr.example/fhir/r4';

describe('toLaunchContext', () => {
  it('reads the SMART context fields of the token response', () => {
    const context = toLaunchContext(
      {
        access_token: 'at',
        patient: 'p1',
        encounter: 'e9',
        need_patient_banner: false,
        smart_style_url: 'https://ehr.example/style.json',
        intent: 'reconcile-medications',
        tenant: 'hospital-a',
        scope: 'launch openid patient/Patient.rs patient/Observation.read',
      },
      BASE,
    );
    expect(context).toMatchObject({
      fhirBaseUrl: BASE,
      patientId: 'p1',
      encounterId: 'e9',
      needPatientBanner: false,
      smartStyleUrl: 'https://ehr.example/style.json',
      intent: 'reconcile-medications',
      tenant: 'hospital-a',
      fhirContext: [],
      fhirUser: undefined,
    });
    expect(context.scopes.all).toEqual(['launch', 'openid', 'patient/Patient.rs', 'patient/Observation.read']);
    expect(context.scopes.canRead('Observation')).toBe(true);
    expect(context.scopes.canRead('Encounter')).toBe(false);
  });

  it('leaves absent, empty and non-string context fields undefined', () => {
    const context = toLaunchContext({ patient: '', encounter: 42, smart_style_url: null, intent: {}, tenant: '' }, BASE);
    expect(context.patientId).toBeUndefined();
    expect(context.encounterId).toBeUndefined();
    expect(context.smartStyleUrl).toBeUndefined();
    expect(context.intent).toBeUndefined();
    expect(context.tenant).toBeUndefined();
    expect(context.scopes.all).toEqual([]);
  });

  it.each<[string, unknown, boolean]>([
    ['false', false, false],
    ['the string "false"', 'false', false],
    ['true', true, true],
    ['the string "true"', 'true', true],
    ['absent', undefined, true],
    ['null', null, true],
  ])('need_patient_banner %s → needPatientBanner %s', (_label, value, expected) => {
    const response = value === undefined ? {} : { need_patient_banner: value };
    expect(toLaunchContext(response, BASE).needPatientBanner).toBe(expected);
  });

  it('keeps only the object items of fhirContext', () => {
    const items = [{ reference: 'Encounter/e1' }, 'Patient/p1', null, 7, { canonical: 'http://x/Questionnaire/q', type: 'Questionnaire' }];
    expect(toLaunchContext({ fhirContext: items }, BASE).fhirContext).toEqual([
      { reference: 'Encounter/e1' },
      { canonical: 'http://x/Questionnaire/q', type: 'Questionnaire' },
    ]);
  });

  it('treats a fhirContext that is not an array as empty', () => {
    expect(toLaunchContext({ fhirContext: { reference: 'Encounter/e1' } }, BASE).fhirContext).toEqual([]);
  });

  it('takes fhirUser from the id_token claims, falling back to profile', () => {
    expect(toLaunchContext({}, BASE, { fhirUser: 'Practitioner/dr1', profile: 'Patient/p1' }).fhirUser).toEqual({
      url: `${BASE}/Practitioner/dr1`,
      reference: 'Practitioner/dr1',
      resourceType: 'Practitioner',
    });
    expect(toLaunchContext({}, BASE, { profile: 'Patient/p1' }).fhirUser?.reference).toBe('Patient/p1');
  });

  it('ignores a fhirUser in the token response (only verified id_token claims count)', () => {
    expect(toLaunchContext({ fhirUser: 'Practitioner/dr1' }, BASE).fhirUser).toBeUndefined();
  });
});

describe('resolveFhirUser', () => {
  it.each([
    ['without a trailing slash', 'https://ehr.example/fhir'],
    ['with a trailing slash', 'https://ehr.example/fhir/'],
  ])('resolves a relative reference against the FHIR base %s', (_label, base) => {
    expect(resolveFhirUser('Practitioner/123', base)).toEqual({
      url: 'https://ehr.example/fhir/Practitioner/123',
      reference: 'Practitioner/123',
      resourceType: 'Practitioner',
    });
  });

  it('keeps an absolute (Epic-style) URL as it is', () => {
    const url = 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4/Practitioner/eM5CWtq15N0WJeuCet5bJlQ3';
    expect(resolveFhirUser(url, 'https://other.example/fhir')).toEqual({
      url,
      reference: 'Practitioner/eM5CWtq15N0WJeuCet5bJlQ3',
      resourceType: 'Practitioner',
    });
  });

  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['an empty string', ''],
    ['a number', 42],
    ['an object', { reference: 'Practitioner/1' }],
    ['free text', 'just some text'],
    ['a type without an id', 'Practitioner'],
    ['a lower-case type', 'practitioner/123'],
    ['a urn', 'urn:uuid:0b7f6f40-3a8a-4c39-9b57-0b7e0f3e2a11'],
    ['an unparseable URL', 'http://['],
  ])('returns undefined for %s', (_label, value) => {
    expect(resolveFhirUser(value, 'https://ehr.example/fhir')).toBeUndefined();
  });
});
