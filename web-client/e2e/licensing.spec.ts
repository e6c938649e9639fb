import { expect, test } from '@playwright/test';
import { demoPassword } from './demo-accounts';
import { expectAccessible } from './support';

/**
 * Buying a licence in the browser, against the demo catalogue and the demo payment provider that
 * make test starts: search → add to a guest cart → sign in (the cart follows) → checkout → pay →
 * download the original → the certificate → the public verification page.
 */
const BUYER = 'buyer@demo.mediacoop.test';
const PHOTO = 'Harbour lights at dusk';

test('a guest picks a licence, signs in, pays in the demo checkout, downloads the original and verifies the certificate', async ({ page, context }) => {
  test.setTimeout(180_000);
  const nav = page.getByRole('navigation', { name: 'Main' });

  // Signed out: search and open the photo.
  await page.goto('/search?q=harbour');
  await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: `${PHOTO} by Ana Okafor` }).click();
  await expect(page.getByRole('heading', { level: 1, name: PHOTO })).toBeVisible();

  // The guide recommends a licence and selects it; then the buyer settles on the Original, no add-ons.
  const picker = page.getByRole('region', { name: 'License this photo' });
  await picker.getByText('What are you making?').click();
  await picker.getByRole('radio', { name: /Both on screens and in print/ }).check();
  await picker.getByRole('radio', { name: 'More than 500,000' }).check();
  await picker.getByRole('button', { name: 'Recommend a licence' }).click();
  // Large, or the next size this photo offers when its original is smaller than Large.
  await expect(picker.getByRole('status')).toContainText(/We recommend (Large|Original) with Unlimited print runs/);
  const recommended = (await picker.getByRole('status').innerText()).match(/We recommend (Large|Original)/)![1]!;
  await expect(picker.getByRole('radio', { name: new RegExp(`^${recommended}`) })).toBeChecked();
  await expect(picker.getByRole('checkbox', { name: /Unlimited print runs/ })).toBeChecked();
  await expectAccessible(page, 'asset page with the licence picker');

  await picker.getByRole('radio', { name: /^Original/ }).check();
  await picker.getByRole('checkbox', { name: /Unlimited print runs/ }).uncheck();
  await expect(picker.getByText(/^Total\s/)).toContainText('$150.00');
  await picker.getByRole('button', { name: 'Add to cart' }).click();
  await expect(picker.getByText('Added to your cart.')).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Cart\s*,\s*1\s*item$/ })).toBeVisible();

  // The guest cart lives in this browser until sign-in.
  await nav.getByRole('link', { name: /^Cart\s*,\s*1\s*item$/ }).click();
  const items = page.getByRole('list', { name: 'Photos in your cart' });
  await expect(items.getByRole('link', { name: PHOTO, exact: true })).toBeVisible();
  await expect(items).toContainText('Original');
  await expectAccessible(page, 'guest cart');
  await page.getByRole('button', { name: 'Sign in to check out' }).click();

  await expect(page).toHaveURL(/\/sign-in$/);
  await page.getByLabel('Email').fill(BUYER);
  await page.getByLabel('Password').fill(demoPassword(BUYER));
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the cart, now the account's: the guest item was merged and left localStorage.
  await expect(page).toHaveURL(/\/cart$/);
  await expect(items.getByRole('link', { name: PHOTO, exact: true })).toBeVisible();
  await expect(items.getByRole('listitem').filter({ hasText: PHOTO })).toContainText('Original');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('mediacoop.guest-cart.v1'))).toBeNull();
  // Anything else an earlier run left in this account's cart is bought too; only this photo is checked below.
  await page.getByRole('button', { name: 'Checkout' }).click();

  // The demo provider's page says what it is, and pays through the real fulfilment path.
  await expect(page).toHaveURL(/\/checkout\/demo\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Demo checkout — no money moves' })).toBeVisible();
  await expectAccessible(page, 'demo checkout');
  await page.getByRole('button', { name: /^Pay \$\d/ }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Paid', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('table')).toContainText(PHOTO);
  await expectAccessible(page, 'receipt');

  // The order is in the account's order list.
  const orderId = new URL(page.url()).pathname.split('/').at(-1)!;
  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your orders' })).toBeVisible();
  const receiptLink = page.getByRole('link', { name: `Receipt for order ${orderId.slice(-8).toUpperCase()}` });
  await expect(receiptLink).toBeVisible();
  await expectAccessible(page, 'orders list');
  // From the keyboard, as a keyboard user would (the pointer path is the receipt's licence link below).
  await receiptLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));

  // The receipt links to the licence the line produced.
  await page.getByRole('link', { name: `Licence for “${PHOTO}”` }).first().click();
  await expect(page).toHaveURL(/\/account\/licenses#license-[0-9a-f-]{36}$/);
  const licenseId = new URL(page.url()).hash.slice('#license-'.length);
  const card = page.locator(`[id="license-${licenseId}"]`);
  await expect(card.getByRole('heading', { name: PHOTO, exact: true })).toBeVisible();
  await expect(card).toContainText('Valid');
  await expect(card).toContainText('Original');
  await expectAccessible(page, 'licences page');

  // Download: the short-lived link answers 200 with the image, as an attachment.
  const downloadStarted = page.waitForEvent('download');
  await card.getByRole('button', { name: /^Download/ }).click();
  const download = await downloadStarted;
  expect(download.suggestedFilename()).toMatch(/\.(jpe?g|png|webp|tiff?)$/i);
  const file = await page.request.get(download.url());
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toMatch(/^image\//);
  expect(file.headers()['content-disposition']).toMatch(/^attachment/);
  expect((await file.body()).length).toBeGreaterThan(1000);

  // The certificate opens in a new tab and carries the verification code.
  const code = (await card.getByRole('link', { name: /^[A-Za-z0-9-]{8,}$/ }).first().innerText()).trim();
  const certificateOpened = context.waitForEvent('page');
  await card.getByRole('link', { name: /^Certificate/ }).click();
  const certificate = await certificateOpened;
  await certificate.waitForLoadState();
  await expect(certificate.locator('body')).toContainText(code);
  await expect(certificate.locator('body')).toContainText(PHOTO);
  await certificate.close();

  // Anyone can check the code: valid, for this photo, nothing about the buyer.
  const stranger = await page.context().browser()!.newContext();
  const verifier = await stranger.newPage();
  await verifier.goto('/verify');
  await verifier.getByRole('textbox', { name: 'Verification code' }).fill(code);
  await verifier.getByRole('button', { name: 'Verify' }).click();
  await expect(verifier.getByRole('heading', { level: 1, name: 'This licence is valid' })).toBeVisible();
  await expect(verifier.getByRole('main').getByRole('link', { name: PHOTO, exact: true })).toBeVisible();
  await expect(verifier.getByRole('main')).not.toContainText('Bea Buyer');
  await expect(verifier.getByRole('main')).not.toContainText(BUYER);
  await expectAccessible(verifier, 'verification page');
  await stranger.close();
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the licence picker, the guest cart and the verify form fit the screen', async ({ page }) => {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.goto('/search?q=harbour');
    await page.getByRole('list', { name: 'Search results' }).getByRole('link', { name: `${PHOTO} by Ana Okafor` }).click();
    const picker = page.getByRole('region', { name: 'License this photo' });
    await picker.getByRole('button', { name: 'Add to cart' }).click();
    await expect(picker.getByText('Added to your cart.')).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);

    await page.goto('/cart');
    await expect(page.getByRole('list', { name: 'Photos in your cart' }).getByRole('link', { name: PHOTO, exact: true })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'guest cart on a phone');
    await page.getByRole('button', { name: new RegExp(`^Remove\\s*“${PHOTO}”`) }).click();
    await expect(page.getByText('Your cart is empty.')).toBeVisible();

    await page.goto('/verify');
    await expect(page.getByRole('textbox', { name: 'Verification code' })).toBeVisible();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'verify page on a phone');
  });
});
