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

/** Goes to the view after the current one. */
async function nextView(page: Page): Promise<boolean> {
  const links = await visible(viewLinks(page));
  if (!links.length) return false;
  let current = -1;
  for (let i = 0; i < links.length; i++) {
    const state = (await links[i]!.getAttribute('aria-current')) ?? (await links[i]!.getAttribute('aria-selected'));
    if (state && state !== 'false') current = i;
  }
  return click(links[(current + 1) % links.length]!);
}

async function pick(locator: Locator, turn: number): Promise<boolean> {
  const shown = await visible(locator);
  return shown.length ? click(shown[turn % shown.length]!) : false;
}

const ACTIONS: Record<ActionKind, (page: Page, turn: number) => Promise<boolean>> = {
  view: (page) => nextView(page),
  loadMore: (page, turn) => pick(loadMoreButtons(page), turn),
  item: (page, turn) => pick(listItems(page), turn),
  range: (page, turn) => pick(rangeOptions(page), turn),
};

const ORDER: ActionKind[] = ['view', 'loadMore', 'item', 'range'];

/**
 * One user step: on tick t the preferred action is ORDER[t % 4] (a view switch every fourth tick, in-view
 * actions between); when it is not possible here, the next one in ORDER is tried. Returns what was done.
 */
export async function userStep(page: Page, tick: number): Promise<ActionKind | 'none'> {
  for (let offset = 0; offset < ORDER.length; offset++) {
    const kind = ORDER[(tick + offset) % ORDER.length]!;
    if (await ACTIONS[kind](page, Math.floor(tick / ORDER.length))) return kind;
  }
  return 'none';
}
