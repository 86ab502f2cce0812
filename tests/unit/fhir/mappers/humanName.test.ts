import type { HumanName } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { formatHumanName } from '../../../../src/fhir/mappers/humanName';

describe('formatHumanName', () => {
  it('prefers the official name wherever it is in the list', () => {
    const names: HumanName[] = [
      { use: 'nickname', given: ['Addie'] },
      { use: 'maiden', given: ['Ada'], family: 'Byron' },
      { use: 'official', given: ['Augusta', 'Ada'], family: 'King' },
      { use: 'usual', given: ['Ada'], family: 'Lovelace' },
    ];
    expect(formatHumanName(names)).toBe('Augusta Ada King');
  });

  it('prefers usual over a name without use, and that over nickname and old names', () => {
    expect(formatHumanName([{ use: 'old', family: 'Old' }, { family: 'Plain' }, { use: 'usual', family: 'Usual' }])).toBe('Usual');
    expect(formatHumanName([{ use: 'old', family: 'Old' }, { use: 'nickname', family: 'Nick' }, { family: 'Plain' }])).toBe('Plain');
  });

  it('does not reorder the caller’s array', () => {
    const names: HumanName[] = [{ use: 'old', family: 'Old' }, { use: 'official', family: 'Official' }];
    formatHumanName(names);
    expect(names.map((n) => n.use)).toEqual(['old', 'official']);
  });

  it('uses the text of the chosen name when there is one', () => {
    expect(formatHumanName([{ use: 'official', text: 'Dr Ada Lovelace', given: ['Ada'], family: 'Lovelace' }])).toBe('Dr Ada Lovelace');
  });

  it('ignores a blank text', () => {
    expect(formatHumanName([{ text: '  ', given: ['Ada'], family: 'Lovelace' }])).toBe('Ada Lovelace');
  });

  it('uses the text of the preferred name, not of another one', () => {
    expect(formatHumanName([{ use: 'old', text: 'Old Text' }, { use: 'official', given: ['Ada'], family: 'Lovelace' }])).toBe('Ada Lovelace');
  });

  it('puts prefixes first and suffixes last', () => {
    expect(formatHumanName([{ prefix: ['Dr', 'Prof'], given: ['Ada', 'Augusta'], family: 'Lovelace', suffix: ['PhD', 'FRS'] }])).toBe(
      'Dr Prof Ada Augusta Lovelace PhD FRS',
    );
  });

  it('skips blank parts', () => {
    expect(formatHumanName([{ given: ['', 'Ada', ' '], family: 'Lovelace', suffix: [''] }])).toBe('Ada Lovelace');
  });

  it.each<[string, HumanName[] | undefined]>([
    ['undefined', undefined],
    ['an empty list', []],
    ['a name with no parts', [{ use: 'official' }]],
    ['a name with only blank parts', [{ given: [' '], family: '' }]],
  ])('is undefined for %s', (_label, names) => {
    expect(formatHumanName(names)).toBeUndefined();
  });
});
