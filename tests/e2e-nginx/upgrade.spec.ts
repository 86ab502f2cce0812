// An upgrade while a clinician has the chart open, as a deployment does it: a new build replaces the old one, and
// the old build's chunks are gone (rsync --delete). The open page asks for a view whose old chunk no longer
// exists: it says the app was updated, reloads into the new version, signs in again silently and shows the view.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_ORIGIN } from '../../sandbox/ports';
import { sandbox, standaloneSignIn } from '../e2e/sandbox';
import { expect, test } from './fixtures';
import { copyOfBuild } from './nginx';

const root = copyOfBuild();
test.use({ build: { root } });

/**
 * "Deploys a new version" as a changed build would: the lazily loaded view chunks get new names (content
 * hashes), and so does every chunk whose content changed because it refers to a renamed one, up to index.html.
 * The old names are gone from the server.
 */
function deployNewVersion(dir: string): string[] {
  const assets = join(dir, 'assets');
  const renamed: string[] = [];
  const queue = readdirSync(assets).filter((f) => /^(VitalsRoute|LabsRoute|EncountersRoute)-[\w-]+\.js$/.test(f));
  while (queue.length) {
    const old = queue.shift()!;
    const next = old.replace(/\.js$/, 'v2.js');
    renameSync(join(assets, old), join(assets, next));
    renamed.push(old);
    for (const file of ['index.html', ...readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`)]) {
      const text = readFileSync(join(dir, file), 'utf8');
      if (!text.includes(old)) continue;
      writeFileSync(join(dir, file), text.replaceAll(old, next));
      const name = file.slice('assets/'.length);
      if (file !== 'index.html' && !name.includes('v2.') && !queue.includes(name)) queue.push(name); // its hash would change too
    }
  }
  return renamed;
}

test('an upgrade while a session is open: "The app was updated", a reload, and the clinician is back in the chart', async ({ page }) => {
  await sandbox.reset();
  await standaloneSignIn(page, 'p-003');
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible();
  expect(deployNewVersion(root).length).toBeGreaterThanOrEqual(4); // the three views and the chart chunk that loads them

  await page.getByRole('link', { name: 'Vitals', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'The app was updated' })).toBeVisible();
  await expect(page.getByText(/VitalsRoute|dynamically imported module|assets\//)).toHaveCount(0); // never the raw module URL
  // …then the normal reload path: a silent re-authorization back to the same view, in the new version.
  await expect(page.getByRole('heading', { name: 'Aisha Okafor', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Blood pressure' })).toBeVisible();
  expect(page.url()).toBe(`${APP_ORIGIN}/chart/vitals`);
  expect((await sandbox.stats()).tokenRequests.authorization_code).toBe(2);
});
