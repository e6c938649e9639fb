import { expect, test } from '@playwright/test';
import { expectAccessible, signedIn } from './support';

/**
 * Buyers reach photographers (issue 9): the demo buyer asks Ana Okafor for a commission from one of her photos; Ana
 * sees the unread badge, reads the brief with its budget and deadline and replies; the buyer sees the reply. Then the
 * inbox at a 360 px phone width.
 */
const BUYER = 'buyer@demo.mediacoop.test';
const ANA = 'ana@demo.mediacoop.test';

/** A date a month ahead, as a date input takes it. */
function inAMonth(): string {
  const d = new Date();
  d.setDate(d.getDate() + 30);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

test('a buyer sends a commission request from a photo, the contributor replies, the buyer sees the reply', async ({ browser }) => {
  test.setTimeout(120_000);
  const subject = `Harbour at dawn series ${Date.now()}`;
  const brief = 'Twelve photos of the harbour at dawn for our **spring catalogue**, landscape and portrait.';
  const deadline = inAMonth();

  // The buyer opens one of Ana's photos and asks for a commission.
  const buyer = await signedIn(browser, BUYER);
  await buyer.goto('/search?q=harbour');
  await buyer.getByRole('list', { name: 'Search results' }).getByRole('link', { name: /by Ana Okafor$/ }).first().click();
  await expect(buyer.getByRole('heading', { level: 1 })).toBeVisible();
  await buyer.getByRole('button', { name: 'Request a commission' }).click();
  const dialog = buyer.getByRole('dialog', { name: 'Request a commission from Ana Okafor' });
  await expect(dialog.getByRole('textbox', { name: 'Subject' })).not.toHaveValue('');
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(subject);
  await dialog.getByRole('textbox', { name: /Your brief/ }).fill(brief);
  await dialog.getByRole('textbox', { name: /Budget/ }).fill('1250');
  await dialog.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
  await dialog.getByLabel(/Deadline/).fill(deadline);
  await expectAccessible(buyer, 'contact dialog');
  await dialog.getByRole('button', { name: 'Send request' }).click();

  await expect(buyer).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(buyer.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(buyer.getByText('Sent. Ana Okafor is notified and can reply here.')).toBeVisible();
  const threadUrl = buyer.url();

  // Ana sees the unread badge, opens her inbox and reads the brief with its budget and deadline.
  const ana = await signedIn(browser, ANA);
  const inboxLink = ana.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Inbox \d+ unread$/ });
  await expect(inboxLink).toBeVisible();
  await inboxLink.click();
  const row = ana.getByRole('listitem').filter({ hasText: subject });
  await expect(row.getByText('Commission')).toBeVisible();
  await expect(row).toContainText('€1,250.00');
  await row.getByRole('link', { name: new RegExp(subject) }).click();
  await expect(ana.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const terms = ana.getByRole('region', { name: /Commission/ });
  await expect(terms).toContainText('€1,250.00');
  const [y, m, d] = deadline.split('-').map(Number);
  const shownDeadline = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).format(new Date(y!, m! - 1, d!));
  await expect(terms).toContainText(shownDeadline);
  const messages = ana.getByRole('list', { name: 'Messages, oldest first' });
  // The brief's Markdown arrives as the server's HTML.
  await expect(messages.locator('strong', { hasText: 'spring catalogue' })).toBeVisible();
  await expectAccessible(ana, 'thread page');

  const reply = `Happy to take this on — I can shoot on the first clear morning. ${Date.now()}`;
  await ana.getByRole('textbox', { name: /Your reply/ }).fill(reply);
  await ana.keyboard.press('Control+Enter');
  await expect(messages.getByText(reply)).toBeVisible();
  // Reading it cleared her badge for this thread.
  await ana.goto('/inbox');
  await expect(ana.getByRole('listitem').filter({ hasText: subject }).getByText(/unread/)).toHaveCount(0);

  // The buyer's thread, still open, picks the reply up by polling (every 10 s) without a reload.
  expect(buyer.url()).toBe(threadUrl);
  const buyerMessages = buyer.getByRole('list', { name: 'Messages, oldest first' });
  await expect(buyerMessages.getByText(reply)).toBeVisible({ timeout: 25_000 });
  await expect(buyerMessages.getByRole('listitem')).toHaveCount(2);
  // And from the inbox, where the conversation now leads with Ana's reply.
  await buyer.goto('/inbox');
  await expect(buyer.getByRole('listitem').filter({ hasText: subject })).toContainText('Happy to take this on');

  await buyer.context().close();
  await ana.context().close();
});

test('the inbox fits a 360 px phone', async ({ browser }) => {
  const page = await signedIn(browser, BUYER);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
  // The buyer has at least the demo question to Ana (or the thread from the test above).
  const list = page.getByRole('list', { name: 'Conversations, latest first' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(0);
  await list.getByRole('link').first().click();
  await expect(page.getByRole('textbox', { name: /Your reply/ })).toBeVisible();
  const threadOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(threadOverflow, 'no sideways scrolling in a thread at 360 px').toBeLessThanOrEqual(0);
  await expectAccessible(page, 'inbox at 360 px');
  await page.context().close();
});
