import { describe, expect, it } from 'vitest';
import { buildVersion } from './versionJson';

const files = [
  { name: 'index.html', content: '<!doctype html>' },
  { name: 'assets/index-abc.js', content: new TextEncoder().encode('console.log(1)') },
];
const at = new Date('2026-12-02T10:00:00Z');

describe('version.json', () => {
  it('the same files give the same hash, in any order; the time and commit are as given', () => {
    const version = buildVersion(files, at, 'abc123');
    expect(version).toEqual({ hash: expect.stringMatching(/^[0-9a-f]{16}$/), builtAt: '2026-12-02T10:00:00.000Z', commit: 'abc123' });
    expect(buildVersion([...files].reverse(), new Date(), null).hash).toBe(version.hash);
  });

  it('any changed byte or file name changes the hash', () => {
    const { hash } = buildVersion(files, at, null);
    expect(buildVersion([files[0]!, { name: 'assets/index-abc.js', content: 'console.log(2)' }], at, null).hash).not.toBe(hash);
    expect(buildVersion([files[0]!, { ...files[1]!, name: 'assets/index-abd.js' }], at, null).hash).not.toBe(hash);
    // Name and content boundaries are kept apart: "ab"+"c" is not "a"+"bc".
    expect(buildVersion([{ name: 'ab', content: 'c' }], at, null).hash).not.toBe(buildVersion([{ name: 'a', content: 'bc' }], at, null).hash);
  });
});
