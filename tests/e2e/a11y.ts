// Page-quality checks shared by the e2e tests: an axe-core scan that fails on serious or critical violations,
// and the narrow-panel check that nothing makes the page scroll sideways.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { Result } from 'axe-core';

const BLOCKING = new Set(['serious', 'critical']);

function describe(violation: Result): string {
  const nodes = violation.nodes
    .slice(0, 5)
    .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
    .join('\n');
  return `  [${violation.impact}] ${violation.id}: ${violation.help} (${violation.nodes.length} nodes)\n${nodes}`;
}

/**
 * Runs axe-core (every rule of the installed version, WCAG 2.x A/AA and best practices) on the page as it is
 * now, and fails on any serious or critical violation. Lesser ones are recorded as an annotation on the test.
 */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const other = violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (other.length) {
    test.info().annotations.push({ type: 'axe (minor/moderate)', description: `${what}: ${other.map((v) => `${v.id} [${v.impact}]`).join(', ')}` });
  }
  expect(blocking.map(describe).join('\n'), `axe: serious or critical violations on ${what}`).toBe('');
}

/** No horizontal scrolling: the document is no wider than the viewport (1 px of rounding allowed). */
export async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  const { scrollWidth, clientWidth, culprits } = await page.evaluate(() => {
    const root = document.documentElement;
    // The widest elements sticking out past the right edge, to say what overflows when it does.
    const overflowing = root.scrollWidth > root.clientWidth + 1;
    const culprits = !overflowing ? [] : [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ').join('.')}` : ''} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
  expect(scrollWidth, `horizontal overflow on ${what} (${culprits.join('; ')})`).toBeLessThanOrEqual(clientWidth + 1);
}
