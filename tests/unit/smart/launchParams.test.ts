import { describe, expect, it } from 'vitest';
import { parseLaunchParams } from '../../../src/smart/launchParams';
import { expectLaunchError, thrownBy } from './launchErrors';

const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

describe('parseLaunchParams', () => {
  it('reads an EHR launch (iss + launch)', () => {
    expect(parseLaunchParams(query({ iss: 'https://ehr.example/fhir', launch: 'abc123' }))).toEqual({
      mode: 'ehr',
      iss: 'https://ehr.example/fhir',
      launch: 'abc123',
    });
  });

  it('reads a standalone launch (iss only) without a launch property', () => {
    const request = parseLaunchParams(query({ iss: 'https://ehr.example/fhir' }));
    expect(request).toEqual({ mode: 'standalone', iss: 'https://ehr.example/fhir' });
    expect('launch' in request).toBe(false);
  });

  it('accepts the search string with or without the leading "?"', () => {
    expect(parseLaunchParams('iss=https%3A%2F%2Fehr.example%2Ffhir&launch=x').mode).toBe('ehr');
  });

  it.each([
    ['a trailing slash', 'https://ehr.example/fhir/'],
    ['a mixed-case path', 'https://ehr.example/FHIR/R4'],
    ['a port on loopback http', 'http://localhost:8080/fhir'],
    ['an Epic-style base', 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4'],
  ])('keeps iss exactly as given (%s)', (_label, iss) => {
    expect(parseLaunchParams(query({ iss, launch: 'L' })).iss).toBe(iss);
  });

  it.each([
    ['a query', 'https://ehr.example/fhir?tenant=a', 'must not contain a query'],
    ['a fragment', 'https://ehr.example/fhir#x', 'must not contain a query'],
    ['userinfo', 'https://user@ehr.example/fhir', 'user name or password'],
    ['a backslash', 'https://ehr.example\\evil/fhir', 'backslash'],
    ['plain http off loopback', 'http://ehr.example/fhir', 'must use https'],
    ['a non-canonical host', 'https://EHR.example/fhir', 'canonical form'],
    ['more than 2 KiB', `https://ehr.example/${'a'.repeat(2100)}`, 'longer than 2048'],
  ])('refuses an iss with %s (iss_not_allowed)', (_label, iss, detail) => {
    expectLaunchError(thrownBy(() => parseLaunchParams(query({ iss, launch: 'L' }))), 'iss_not_allowed', detail);
  });

  it.each([
    ['no iss at all', ''],
    ['an empty iss', '?iss='],
    ['a blank iss', '?iss=%20%20'],
    ['only a launch', '?launch=abc'],
  ])('rejects %s with missing_iss', (_label, search) => {
    expectLaunchError(thrownBy(() => parseLaunchParams(search)), 'missing_iss', '"iss"');
  });

  it.each([
    ['not a URL', 'ehr.example/fhir', 'is not a URL'],
    ['a relative path', '/fhir', 'is not a URL'],
    ['javascript:', 'javascript:alert(1)', 'is not an http(s) URL'],
    ['ftp:', 'ftp://ehr.example/fhir', 'is not an http(s) URL'],
    ['data:', 'data:text/plain,hi', 'is not an http(s) URL'],
  ])('rejects an iss that is %s with iss_not_allowed', (_label, iss, detail) => {
    const error = expectLaunchError(thrownBy(() => parseLaunchParams(query({ iss }))), 'iss_not_allowed', detail);
    expect(error.detail).toContain(iss);
  });

  it.each([
    ['empty', '?iss=https%3A%2F%2Fehr.example%2Ffhir&launch='],
    ['blank', '?iss=https%3A%2F%2Fehr.example%2Ffhir&launch=%20'],
    ['valueless', '?iss=https%3A%2F%2Fehr.example%2Ffhir&launch'],
  ])('rejects an %s launch parameter with missing_launch (not a silent standalone launch)', (_label, search) => {
    expectLaunchError(thrownBy(() => parseLaunchParams(search)), 'missing_launch');
  });

  it('checks iss before launch', () => {
    expectLaunchError(thrownBy(() => parseLaunchParams('?launch=')), 'missing_iss');
  });
});
