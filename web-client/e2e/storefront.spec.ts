import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './support';

/**
 * The storefront as a buyer uses it, against the demo catalogue that make test seeds (painted
 * harbours, meadows, mountains and coffees by Ana Okafor and Ben Lindqvist): search, filter, Back,
 * open a photo, save it to a new lightbox, share it and open the link signed out.
 */
const BUYER = 'buyer@demo.mediacoop.test';

test('a buyer searches, filters, goes back, saves a photo to a new lightbox and shares it', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, BUYER);

  // The header's search box works from any page.
  await page.getByRole('search', { name: 'Site search' }).getByRole('searchbox', { name: 'Search photos' }).fill('harbour');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=harbour$/);
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link', { name: 'Harbour lights at dusk by Ana Okafor' })).toBeVisible();
  await expect(results.getByRole('link', { name: /^Lighthouse above the harbour/ })).toBeVisible();
  await expectAccessible(page, 'search page');

  // A filter is part of the URL…
  const orientation = page.getByRole('group', { name: 'Orientation' });
  // The radios follow the URL, which the router updates just after the click: click, then wait.
  await orientation.getByRole('radio', { name: /^Portrait/ }).click();
  await expect(orientation.getByRole('radio', { name: /^Portrait/ })).toBeChecked();
  await expect(page).toHaveURL(/\/search\?q=harbour&orientation=portrait$/);
  await expect(results.getByRole('link', { name: /^Lighthouse above the harbour/ })).toBeVisible();
  await expect(results.getByRole('link', { name: 'Harbour lights at dusk by Ana Okafor' })).toHaveCount(0);

  // …so Back brings the previous results back.
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=harbour$/);
  await expect(orientation.getByRole('radio', { name: 'Any' })).toBeChecked();
  await expect(results.getByRole('link', { name: 'Harbour lights at dusk by Ana Okafor' })).toBeVisible();

  // The tile's lightbox button appears on keyboard focus too.
  const tile = results.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Harbour lights at dusk by Ana Okafor' }) });
  await tile.getByRole('link').focus();
  await page.keyboard.press('Tab');
  await expect(tile.getByRole('button', { name: 'Add “Harbour lights at dusk” to a lightbox' })).toBeFocused();
  await expect(tile.getByRole('button', { name: 'Add “Harbour lights at dusk” to a lightbox' })).toBeVisible();

  await tile.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Harbour lights at dusk' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Small/ })).toBeChecked();
  await expect(page.getByText(/\$\d+\.\d\d/).first()).toBeVisible();
  // Buying is licensing.spec.ts's; here the button is only there to use (or to update an earlier choice).
  await expect(page.getByRole('button', { name: /^(Add to cart|Update cart)$/ })).toBeEnabled();
  await expectAccessible(page, 'asset page');

  const lightboxName = `Harbour pitch ${Date.now()}`;
  await page.getByRole('textbox', { name: 'New lightbox' }).fill(lightboxName);
  await page.getByRole('button', { name: 'Create and add' }).click();
  await expect(page.getByText(`Created “${lightboxName}” and added the photo.`)).toBeVisible();
  await expect(page.getByRole('checkbox', { name: new RegExp(lightboxName) })).toBeChecked();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lightboxes' }).click();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: lightboxName }) });
  await expect(card.getByText('1 photo')).toBeVisible();
  await card.getByRole('button', { name: `Share “${lightboxName}”` }).click();
  const link = card.getByRole('textbox', { name: `Read-only link to “${lightboxName}”` });
  await expect(link).toHaveValue(/\/l\/[A-Za-z0-9_-]{16,}$/);
  const shareUrl = new URL(await link.inputValue());
  expect(shareUrl.origin).toBe(new URL(baseURL!).origin);

  // Someone without an account opens the link: the photos, and nothing to edit.
  const stranger = await browser.newContext();
  const shared = await stranger.newPage();
  await shared.goto(shareUrl.pathname);
  await expect(shared.getByRole('heading', { level: 1, name: lightboxName })).toBeVisible();
  await expect(shared.getByText('Shared by Bea Buyer')).toBeVisible();
  const sharedPhoto = shared.getByRole('list', { name: `Photos in ${lightboxName}` }).getByRole('link', { name: 'Harbour lights at dusk by Ana Okafor' });
  await expect(sharedPhoto).toBeVisible();
  await expect(shared.getByRole('main').getByRole('button')).toHaveCount(0);
  await expect(shared.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(shared, 'shared lightbox page');
  await stranger.close();
});

test('a contributor portfolio lists their work and is accessible', async ({ page }) => {
  await page.goto('/search?q=meadow');
  await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /by Ben Lindqvist$/ }).first().click();
  // Exact: while the photo page loads, the results ("… by Ben Lindqvist") may still be on screen, and the photo page
  // has "Contact Ben Lindqvist" too; only the byline is named just so.
  await page.getByRole('main').getByRole('link', { name: 'Ben Lindqvist', exact: true }).first().click();
  await expect(page).toHaveURL(/\/c\/ben-lindqvist/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ben Lindqvist' })).toBeVisible();
  const work = page.getByRole('list', { name: 'Photos by Ben Lindqvist' });
  await expect(work.getByRole('link', { name: 'Wildflower meadow in June by Ben Lindqvist' })).toBeVisible();
  await expect(work.getByRole('link', { name: /by Ana Okafor$/ })).toHaveCount(0);
  await expectAccessible(page, 'portfolio page');
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('search, filters and a photo fit the screen and stay accessible', async ({ page }) => {
    await page.goto('/search?q=mountain');
    const results = page.getByRole('list', { name: 'Search results' });
    await expect(results.getByRole('link', { name: /^Mountain lake reflection/ })).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    // Filters fold away on a phone behind one button.
    await expect(page.getByRole('group', { name: 'Orientation' })).toBeHidden();
    await page.getByRole('button', { name: 'Filters' }).click();
    const panorama = page.getByRole('group', { name: 'Orientation' }).getByRole('radio', { name: /^Panorama/ });
    await panorama.click();
    await expect(panorama).toBeChecked();
    await expect(page).toHaveURL(/orientation=panorama/);
    await expect(results.getByRole('link', { name: /^Mountain ridge panorama/ })).toBeVisible();
    await expectAccessible(page, 'search page at 375 px');

    await results.getByRole('link', { name: /^Mountain ridge panorama/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mountain ridge panorama' })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'asset page at 375 px');
  });

  test('the developer page, from the footer, fits the screen, is accessible and links a contract that is served', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Developers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Build on MediaCoop' })).toBeVisible();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'developer page at 375 px');

    const href = await page.getByRole('link', { name: 'The OpenAPI contract (JSON)' }).getAttribute('href');
    const contract = await request.get(href!);
    expect(contract.ok()).toBe(true);
    const spec = (await contract.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toContain('/api/v1/orders');
    expect((await request.get('/swagger/index.html')).ok()).toBe(true);
  });

  test('Back from a photo returns to the same place in the results', async ({ page }) => {
    await page.goto('/search?sort=newest');
    const tiles = page.getByRole('list', { name: 'Search results' }).getByRole('link');
    await expect(tiles.nth(14)).toBeVisible();
    await tiles.nth(14).scrollIntoViewIfNeeded();
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(300);
    await tiles.nth(14).click();
    await expect(page).toHaveURL(/\/assets\//);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
    await page.goBack();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(y);
  });
});
