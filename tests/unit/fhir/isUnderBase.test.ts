import { describe, expect, it } from 'vitest';
import { isUnderBase } from '../../../src/fhir/isUnderBase';

const BASE = 'https://ehr.example/fhir';

describe('isUnderBase', () => {
  it.each([
    ['the base itself', 'https://ehr.example/fhir'],
    ['the base with a trailing slash', 'https://ehr.example/fhir/'],
    ['a resource', 'https://ehr.example/fhir/Patient/p1'],
    ['a search with a query string', 'https://ehr.example/fhir/Observation?patient=p1&_count=50'],
    ['a paging link on the base', 'https://ehr.example/fhir?_getpages=abc&_offset=50'],
    ['an explicit default port', 'https://ehr.example:443/fhir/Patient/p1'],
    ['an upper-case host', 'https://EHR.example/fhir/Patient'],
  ])('is true for %s', (_label, url) => {
    expect(isUnderBase(url, BASE)).toBe(true);
  });

  it.each([
    ['another origin', 'https://evil.example/fhir/Patient/p1'],
    ['a look-alike host', 'https://ehr.example.evil.test/fhir/Patient'],
    ['http instead of https', 'http://ehr.example/fhir/Patient/p1'],
    ['another port', 'https://ehr.example:8443/fhir/Patient/p1'],
    ['a path sharing a prefix (fhir-evil)', 'https://ehr.example/fhir-evil/Patient/p1'],
    ['a path sharing a prefix (fhirX)', 'https://ehr.example/fhirX'],
    ['a sibling path', 'https://ehr.example/other/fhir/Patient'],
    ['the origin root', 'https://ehr.example/'],
    ['the base only in the query string', 'https://evil.example/?next=https://ehr.example/fhir'],
    ['a dot-dot escape', 'https://ehr.example/fhir/../admin'],
    ['a relative URL', '/fhir/Patient/p1'],
    ['not a URL', 'not a url'],
  ])('is false for %s', (_label, url) => {
    expect(isUnderBase(url, BASE)).toBe(false);
  });

  it('treats a base given with a trailing slash the same way', () => {
    expect(isUnderBase('https://ehr.example/fhir/Patient/p1', `${BASE}/`)).toBe(true);
    expect(isUnderBase('https://ehr.example/fhir-evil', `${BASE}/`)).toBe(false);
  });

  it('accepts everything on the origin when the base is the origin', () => {
    expect(isUnderBase('https://ehr.example/Patient/p1', 'https://ehr.example')).toBe(true);
    expect(isUnderBase('https://ehr.example/Patient/p1', 'https://ehr.example/')).toBe(true);
    expect(isUnderBase('https://evil.example/Patient/p1', 'https://ehr.example/')).toBe(false);
  });

  it('is false for an unparseable base', () => {
    expect(isUnderBase('https://ehr.example/fhir/Patient', 'ehr.example/fhir')).toBe(false);
  });
});
