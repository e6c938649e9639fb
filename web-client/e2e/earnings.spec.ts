import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './support';

/**
 * Royalties as the members see them, on the demo that make test seeds: the demo buyer's paid licence
 * (lic-core's demo purchase, fulfilled through the real sale path) is a sale of a photo by Ana Okafor or
 * Ben Lindqvist, so its contributor has a royalty line. Both are contributor members of the co-op.
 */
const CONTRIBUTORS = ['ana@demo.mediacoop.test', 'ben@demo.mediacoop.test'];

/** A signed-in page for whichever demo contributor made the demo sale. */
async function contributorWithASale(browser: Browser): Promise<Page> {
  for (const email of CONTRIBUTORS) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    const response = await page.request.get('/api/v1/me/earnings');
    expect(response.ok(), `GET /api/v1/me/earnings as ${email}`).toBe(true);
    const earnings = (await response.json()) as { lines: unknown[] };
    if (earnings.lines.length > 0) return page;
    await page.context().close();
  }
  throw new Error('Neither demo contributor has a royalty line: was the demo seeded with the demo purchase?');
}

test('a contributor sees the demo sale’s royalty line, the balances and the charts', async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await contributorWithASale(browser);

  // The account menu leads to the earnings.
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Earnings' }).click();
  await expect(page).toHaveURL(/\/account\/earnings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your earnings' })).toBeVisible();

  // A sale today is still in the chargeback hold: pending, with its release date.
  await expect(page.getByText('Pending', { exact: true })).toBeVisible();
  await expect(page.getByText(/First part available on/)).toBeVisible();

  const lines = page.getByRole('table', { name: 'Your royalty lines, newest first' });
  const sale = lines.getByRole('row').nth(1);
  await expect(sale.getByRole('link')).toBeVisible();
  await expect(sale).toContainText('50%');
  await expect(sale).toContainText('100%');

  const byMonth = page.getByRole('img', { name: /Royalties by month, last 12 months/ });
  await expect(byMonth).toBeVisible();
  await expect(page.getByRole('img', { name: /Royalties by photo this year/ })).toBeVisible();
  // The chart's figures can be shown as a table from the keyboard.
  const toggle = page.getByRole('button', { name: 'Show as a table' }).first();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Hide the table' }).first()).toHaveAttribute('aria-expanded', 'true');
  await expectAccessible(page, 'earnings page');

  // The month's statement ties to the same sale.
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Statements' }).click();
  await page.getByRole('table').getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Statement for / })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sales this month' }).getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', /\/api\/v1\/me\/statements\/\d{4}-\d{2}\.csv$/);
  await expectAccessible(page, 'statement page');

  // On a phone the page fits the screen: wide tables scroll inside their own box.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/account/earnings');
  await expect(page.getByRole('img', { name: /Royalties by month/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.context().close();
});

test('a member opens the co-op’s books', async ({ page }) => {
  test.setTimeout(60_000);
  await signIn(page, CONTRIBUTORS[0]!);
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Co-op books' }).click();
  await expect(page).toHaveURL(/\/coop\/books$/);
  await expect(page.getByRole('heading', { level: 1, name: 'The co-op\'s books' })).toBeVisible();
  const year = new Date().getUTCFullYear();
  const table = page.getByRole('table', { name: `The co-op's books by month for ${year}, with totals` });
  await expect(table).toBeVisible();
  // The demo sale's revenue is in this year's totals.
  await expect(table.getByRole('row', { name: /^Total/ })).not.toContainText(/^Total\s*\$0\.00/);
  await expect(page.getByRole('img', { name: /Revenue, royalties and costs by month/ })).toBeVisible();
  await expect(page.getByRole('link', { name: `Download ${year} as CSV` })).toHaveAttribute('href', `/api/v1/coop/books.csv?year=${year}`);
  await expectAccessible(page, 'books page');
});

test('the home page says how much went to photographers this year', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.headline')).toContainText(/paid to photographers in \d{4}/);
});
