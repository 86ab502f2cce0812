// What a user does in the chart, found by role and label so it survives UI changes: switch views (the view
// navigation or tabs), "Load more …", open a list item (an encounter, a lab test), change the time range.
import type { Locator, Page } from '@playwright/test';

export type ActionKind = 'view' | 'loadMore' | 'item' | 'range';

const CLICK_TIMEOUT_MS = 3_000;

/** The chart's views: links in the "Chart views" navigation, or tabs. */
export const viewLinks = (page: Page) => page.locator('nav[aria-label="Chart views"] a, [role="tablist"] [role="tab"]');

/** A view's link or tab by its name (e.g. "Vitals"). */
export const viewLink = (page: Page, name: RegExp) =>
  page.locator('nav[aria-label="Chart views"] a, [role="tablist"] [role="tab"]').filter({ hasText: name }).first();

const loadMoreButtons = (page: Page) => page.getByRole('button', { name: /^load more/i });
/** Toggle buttons of a labelled list: encounters, lab tests. */
const listItems = (page: Page) => page.locator('main ul[aria-label] > li > button[aria-pressed="false"]');
/** The time-range options not chosen yet (radio buttons in a fieldset, or buttons in a labelled group). */
export const rangeOptions = (page: Page) => page.locator('main fieldset label:has(input[type="radio"]:not(:checked)), main [role="radiogroup"] [role="radio"][aria-checked="false"]');

async function visible(locator: Locator): Promise<Locator[]> {
  const all = await locator.all();
  const shown: Locator[] = [];
  for (const item of all) if (await item.isVisible().catch(() => false)) shown.push(item);
  return shown;
}

async function click(target: Locator): Promise<boolean> {
  try {
    if (await target.isDisabled().catch(() => false)) return false;
    await target.click({ timeout: CLICK_TIMEOUT_MS });
    return true;
  } catch {
    return false;
  }
}

const isCurrent = async (link: Locator) => {
  const state = (await link.getAttribute('aria-current').catch(() => null)) ?? (await link.getAttribute('aria-selected').catch(() => null));
  return !!state && state !== 'false';
};

/** Goes to the view after the current one. */
async function nextView(page: Page): Promise<boolean> {
  const links = await visible(viewLinks(page));
  if (!links.length) return false;
  let current = -1;
  for (let i = 0; i < links.length; i++) if (await isCurrent(links[i]!)) current = i;
  return click(links[(current + 1) % links.length]!);
}

/** Clicks the (turn mod n)-th of the matching elements (lists can be long: only that one is checked). */
async function pick(locator: Locator, turn: number): Promise<boolean> {
  const count = await locator.count();
  if (!count) return false;
  const target = locator.nth(turn % count);
  return (await target.isVisible().catch(() => false)) && click(target);
}

const IN_VIEW: Record<Exclude<ActionKind, 'view'>, (page: Page, turn: number) => Promise<boolean>> = {
  loadMore: (page, turn) => pick(loadMoreButtons(page), turn),
  item: (page, turn) => pick(listItems(page), turn),
  range: (page, turn) => pick(rangeOptions(page), turn),
};

/**
 * One user step, chosen so that most steps make a fresh FHIR query: the user works in the Encounters view
 * (when there is one), alternating "Load more …" and opening the next encounter (each a new search); every
 * tenth step visits another view (whose queries are refetched once stale), and the next step comes back.
 * Without an Encounters view, whatever the current view offers (load more, a list item, another time range),
 * else the next view. Returns what was done.
 */
export async function userStep(page: Page, tick: number): Promise<ActionKind | 'none'> {
  const home = viewLink(page, /^encounters$/i);
  const hasHome = await home.isVisible().catch(() => false);
  if (tick % 10 === 9) {
    if (await nextView(page)) return 'view';
  } else if (hasHome && !(await isCurrent(home))) {
    if (await click(home)) return 'view';
  }
  const order: Exclude<ActionKind, 'view'>[] = tick % 2 ? ['item', 'loadMore', 'range'] : ['loadMore', 'item', 'range'];
  for (const kind of order) if (await IN_VIEW[kind](page, tick)) return kind;
  return (await nextView(page)) ? 'view' : 'none';
}
