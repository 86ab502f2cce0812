// The clinical cues in real Chromium at a 360-px EHR panel and a 1280-px desktop. p-001's current admission is a
// deteriorating one (respiratory rate 26, a NEWS2 red score, with a note); p-deceased's data ends 20 months ago.
// Each check reads what a screen reader gets (Playwright's accessibility tree, aria-hidden parts left out), then
// axe scans the page and a screenshot goes to /tmp/shots (outside the repo).
import { mkdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations } from './a11y';
import { ehrLaunch, sandbox } from './sandbox';

const SHOTS = process.env.VIEW_SHOTS_DIR ?? '/tmp/shots';
/** An exact date as the app writes it, with or without a time: `29 Nov 2026`, `10 Mar 2025, 14:10`. */
const EXACT = String.raw`\d{1,2} [A-Z][a-z]{2,3} \d{4}(, \d{2}:\d{2})?`;
const AGE = String.raw`(\d+ (minutes?|hours?|days?|months?|years?) ago|just now)`;

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));
test.beforeEach(async () => {
  await sandbox.reset();
});

async function settled(page: Page): Promise<void> {
  await expect(page.locator('.skeleton')).toHaveCount(0);
  await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
}

async function check(page: Page, what: string, shot: string): Promise<void> {
  await settled(page);
  await expectNoHorizontalOverflow(page, what);
  await expectNoSeriousA11yViolations(page, what);
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
}

const vitalCards = (page: Page) => page.getByRole('list', { name: 'Latest vital signs' }).getByRole('listitem');
const card = (page: Page, label: string): Locator => vitalCards(page).filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });

/**
 * What a screen reader reads in an element, from the browser's accessibility tree (aria-hidden parts are not
 * in it): each node's name or text in order, e.g. `Respiratory rate 26 /min Critical high 33 days ago · 30 Oct…`.
 */
async function spoken(locator: Locator): Promise<string> {
  const tree = await locator.ariaSnapshot();
  return tree
    .split('\n')
    .map((line) => line.replace(/^\s*- /, '').replace(/^[a-z]+ "(.*)"( \[[^\]]*\])*:?$/, '$1').replace(/^[a-z]+: /, '').replace(/^[a-z]+:$/, ''))
    .map((text) => text.replace(/^"(.*)"$/, '$1'))
    .filter(Boolean)
    .join(' ');
}

for (const width of [360, 1280]) {
  test(`p-001 at ${width} px: NEWS2 flags, ages, one trend mark and notes; the first screen's FHIR requests`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await ehrLaunch(page, 'p-001');
    await expect(vitalCards(page)).toHaveCount(8);
    await settled(page);
    await expect(page.getByText('H/L flags: NEWS2 (Royal College of Physicians, 2017)')).toBeVisible();

    // Critical: filled badge, tinted card; read as "Critical high", with its age, trend and note.
    const rr = card(page, 'Respiratory rate');
    await expect(rr).toHaveClass(/vital-card--critical/);
    const rrSpoken = await spoken(rr);
    expect(rrSpoken).toMatch(
      new RegExp(`^Respiratory rate 26 /min Critical high ${AGE} · ${EXACT} (Up|Down) from \\d+ \\(\\d{1,2} [A-Z][a-z]{2,3}( \\d{4})?\\) Note: Recounted after 15 minutes: still 26/min\\. Escalated to the medical registrar\\.$`),
    );
    await expect(rr.locator('.flag-badge--critical')).toHaveText('HHCritical high');

    // Every card with a value says how old it is, in words and as a date; a flagged value says so in words.
    for (const item of await vitalCards(page).all()) {
      const text = await spoken(item);
      expect(text).toMatch(new RegExp(`${AGE} · ${EXACT}`));
      const letters = await item.locator('.flag-badge [aria-hidden="true"]').allTextContents();
      for (const flag of letters) expect(text).toContain({ H: 'High', L: 'Low', HH: 'Critical high', LL: 'Critical low' }[flag]!);
    }
    // Blood pressure has ONE trend mark, its meaning in words.
    const bp = card(page, 'Blood pressure');
    await expect(bp.locator('.trend__mark')).toHaveCount(1);
    expect(await spoken(bp)).toMatch(/ Systolic (up from \d+\/\d+ \(|down from \d+\/\d+ \(|unchanged since )/);
    // Height has a card like the other vitals.
    await expect(card(page, 'Height').locator('.vital-card__value')).toHaveText(/^\d{3}\.\d cm$/);
    // Lab names are the short ones a clinician reads, not LOINC's long names.
    const labNames = await page.getByRole('list', { name: 'Latest lab results' }).locator('.lab-row__name').allTextContents();
    expect(labNames.length).toBeGreaterThanOrEqual(5);
    for (const name of labNames) expect(name).not.toMatch(/\[|in Serum|in Blood/);

    // The first screen: the Patient read, ONE vital-signs search, one lab search, the encounters. (The risk
    // card's searches start once these are answered.)
    const stats = await sandbox.stats();
    const kind = (path: string) => {
      const url = new URL(path, 'http://x');
      const type = url.pathname.split('/').filter(Boolean)[1] ?? '';
      return url.searchParams.get('category') ? `${type} ${url.searchParams.get('category')}` : type;
    };
    const resources = stats.fhirUrls.filter((u) => !/\/(\.well-known|metadata)/.test(u));
    test.info().annotations.push({ type: 'Summary FHIR requests', description: JSON.stringify(resources.slice(0, 4)) });
    expect(resources.slice(0, 4).map(kind).sort()).toEqual(['Encounter', 'Observation laboratory', 'Observation vital-signs', 'Patient']);
    expect(stats.fhirByType.Patient).toBe(1);
    await check(page, `p-001 summary at ${width} px`, `cues-p-001-summary-${width}`);

    // Vitals: the flagged point's tooltip names the flag and the note; the table flags it in words.
    await page.getByRole('navigation', { name: 'Chart views' }).getByRole('link', { name: 'Vitals', exact: true }).click();
    await expect(page.getByRole('radio', { name: '1 year' })).toBeChecked();
    const section = page.getByRole('region', { name: /^Respiratory rate/ });
    const chart = section.getByRole('img', { name: /^Respiratory rate chart, \d+ readings, \d+ flagged \(\d+ critical\)\./ });
    await expect(chart.locator('canvas')).toBeVisible();
    await settled(page);
    const over = chart.locator('.u-over');
    await over.scrollIntoViewIfNeeded();
    const box = (await over.boundingBox())!;
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
    const tip = chart.locator('.chart-tip');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('26 /min HH (Critical high)');
    await expect(tip).toContainText('Note: Recounted after 15 minutes');
    await expect(tip).toHaveAttribute('aria-hidden', 'true'); // the table is the accessible alternative
    await section.screenshot({ path: `${SHOTS}/cues-p-001-tooltip-${width}.png` });
    await section.getByText('Show readings as a table: Respiratory rate').click();
    const firstRow = section.getByRole('table', { name: 'Respiratory rate readings (/min)' }).locator('tbody tr').first();
    await expect(firstRow).toContainText('26 HHCritical high');
    await expect(firstRow).toContainText('Escalated to the medical registrar');
    await page.mouse.move(0, 0);
    await check(page, `p-001 vitals at ${width} px`, `cues-p-001-vitals-${width}`);
  });
}

test('p-deceased at 360 px: every value is stale and says so; Vitals opens on the range with the last readings', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await ehrLaunch(page, 'p-deceased');
  await expect(vitalCards(page)).toHaveCount(8);
  await settled(page);
  for (const item of await vitalCards(page).all()) {
    await expect(item).toHaveClass(/vital-card--stale/);
    expect(await spoken(item)).toMatch(new RegExp(` \\d+ months ago · \\d{1,2} Mar 2025(, \\d{2}:\\d{2})? Over 1 year`));
  }
  const labs = page.getByRole('list', { name: 'Latest lab results' }).getByRole('listitem');
  await expect(labs.first()).toHaveClass(/row--stale/);
  await check(page, 'p-deceased summary at 360 px', 'cues-p-deceased-summary-360');

  await page.getByRole('navigation', { name: 'Chart views' }).getByRole('link', { name: 'Vitals', exact: true }).click();
  await expect(page.getByRole('radio', { name: '5 years' })).toBeChecked();
  await expect(page.getByText(/^Opened on “5 years”: the latest reading is from \d{1,2} Mar 2025/)).toBeVisible();
  await expect(page.getByRole('img', { name: /^Blood pressure chart, \d+ readings/ }).locator('canvas')).toBeVisible();
  await expect(page.getByText('No readings in this period.')).toHaveCount(0);
  await check(page, 'p-deceased vitals at 360 px', 'cues-p-deceased-vitals-360');
});
