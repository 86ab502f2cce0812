import { describe, expect, it } from 'vitest';
import { isAppRoute } from '../../../src/smart/beginLaunch';

describe('the post-sign-in return path is never an open redirect', () => {
  it.each(['/chart', '/chart/vitals', '/chart/labs', '/chart/encounters'])('accepts the chart route %s', (path) => {
    expect(isAppRoute(path)).toBe(true);
  });

  it.each(['https://evil.example/chart', '//evil.example/chart', '/chart/../launch', '/chartx', '/chart/vitals?next=//evil', '/', '', undefined])(
    'refuses %s',
    (path) => {
      expect(isAppRoute(path)).toBe(false);
    },
  );
});
