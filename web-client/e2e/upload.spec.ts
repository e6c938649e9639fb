import { expect, test } from '@playwright/test';
import { demoPassword, fixture } from './demo-accounts';

/**
 * The contributor's path through the real API: upload → renditions → edit → submit.
 *
 * make test starts the e2e API with --seed-demo, which seeds the demo accounts and writes them to
 * the file named by MEDIACOOP_DEMO_ACCOUNTS, one per line: `role  email  password`. The database is
 * otherwise empty, so the fixture photos are new to the server (a second run against the same
 * database would be refused as duplicates, which is the server doing its job).
 */
const CONTRIBUTOR_EMAIL = 'ana@demo.mediacoop.test';
const FIXTURES = ['photo-1.jpg', 'photo-2.jpg', 'photo-3.jpg'];


test('a contributor uploads photos, edits one and submits it for review', async ({ page }) => {
  test.setTimeout(180_000);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const title = `Harbour at dawn ${Date.now()}`;

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(CONTRIBUTOR_EMAIL);
  await page.getByLabel('Password').fill(demoPassword(CONTRIBUTOR_EMAIL));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);

  // Upload three photos through the picker; each gets its own request and progress bar.
  await nav.getByRole('link', { name: 'Upload' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Upload photos' })).toBeVisible();
  await page.getByLabel('Drag photos here, or choose files').setInputFiles(FIXTURES.map(fixture));

  const uploads = page.getByRole('list', { name: 'Uploads' });
  for (const name of FIXTURES) {
    const row = uploads.getByRole('listitem').filter({ hasText: name });
    await expect(row.locator('.upload__status')).toHaveText('Done', { timeout: 60_000 });
    await expect(row.getByRole('progressbar', { name: `Upload progress for ${name}` })).toHaveAttribute('value', '100');
  }
  await expect(page.getByRole('heading', { name: '3 uploaded, 0 rejected' })).toBeVisible();

  // The portfolio polls while renditions are made; the thumbnails replace the placeholders.
  await page.getByRole('link', { name: 'Go to My portfolio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My portfolio' })).toBeVisible();
  // The demo catalogue already holds Ana's published work; her three new uploads come first (newest first).
  const grid = page.getByRole('list', { name: 'Photos: All' });
  await expect
    .poll(
      () =>
        grid.locator(':scope > li').evaluateAll(
          (items) =>
            items.slice(0, 3).filter((li) => (li.querySelector('img') as HTMLImageElement | null)?.naturalWidth).length,
        ),
      { timeout: 90_000 },
    )
    .toBe(3);

  // Open one and complete its metadata.
  await grid.getByRole('link').first().click();
  await expect(page.getByRole('form', { name: 'Photo details' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit for review' })).toBeVisible({ timeout: 60_000 });

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Description').fill('Fishing boats leaving the harbour in the first light.');
  const keywords = page.getByLabel('Keywords', { exact: true });
  for (const keyword of ['harbour', 'dawn', 'fishing boat', 'sea', 'morning light', 'coast', 'e2e']) {
    await keywords.fill(keyword);
    await keywords.press('Enter');
  }
  // The photo may arrive with keywords of its own (IPTC); ours come on top.
  const chosen = page.getByRole('list', { name: 'Keywords, chosen' }).getByRole('listitem');
  await expect.poll(() => chosen.count()).toBeGreaterThanOrEqual(7);
  await expect(page.getByText(/^\d+ of 7–50$/)).toBeVisible();

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your changes are saved.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByText('Submitted for review.', { exact: false })).toBeVisible();
  await expect(page.locator('.asset-page__status')).toContainText('In review');

  // And the portfolio files it under "In review".
  await page.getByRole('link', { name: '← My portfolio' }).click();
  await page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: 'In review' }).click();
  await expect(page.getByRole('list', { name: 'Photos: In review' })).toContainText(title);
});
