import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { demoPassword, fixture } from './demo-accounts';

/**
 * The editorial board's path through the real API: a contributor's submissions are decided on the
 * review desk with the keyboard only, and the contributor sees the outcome and the reason.
 * Demo accounts come from MEDIACOOP_DEMO_ACCOUNTS (`role  email  password` per line; make test seeds them).
 */
const CONTRIBUTOR = 'ben@demo.mediacoop.test';
const EDITOR = 'editor@demo.mediacoop.test';


async function xsrf(request: APIRequestContext): Promise<Record<string, string>> {
  const body = (await (await request.get('/api/v1/auth/antiforgery')).json()) as { headerName: string; token: string };
  return { [body.headerName]: body.token };
}

/** Arranged through the API (the upload UI has its own spec): a submitted photo with the given title. */
async function submitPhoto(request: APIRequestContext, file: string, title: string): Promise<string> {
  const upload = await request.post('/api/v1/uploads', {
    headers: await xsrf(request),
    multipart: { file: { name: file, mimeType: 'image/jpeg', buffer: readFileSync(fixture(file)) } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const { id } = (await upload.json()) as { id: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/me/assets/${id}`)).json()) as { status: string }).status, { timeout: 60_000 })
    .toBe('draft');
  const keywords = ['market', 'stall', 'fruit', 'vendor', 'street', 'morning', 'colour'];
  expect((await request.patch(`/api/v1/me/assets/${id}`, { headers: await xsrf(request), data: { title, keywords } })).status()).toBe(200);
  expect((await request.post(`/api/v1/me/assets/${id}/submit`, { headers: await xsrf(request) })).status()).toBe(200);
  return id;
}

async function signIn(request: APIRequestContext, email: string) {
  const response = await request.post('/api/v1/auth/login', {
    headers: await xsrf(request),
    data: { email, password: demoPassword(email) },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test('an editor decides a batch from the keyboard and the contributor sees the outcome', async ({ page, context }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const publishTitle = `Fruit stall ${stamp}`;
  const declineTitle = `Vegetable stall ${stamp}`;

  await signIn(context.request, CONTRIBUTOR);
  const published = await submitPhoto(context.request, 'photo-4.jpg', publishTitle);
  const declined = await submitPhoto(context.request, 'photo-5.jpg', declineTitle);
  await context.clearCookies();

  // The editor signs in through the page, then never touches the mouse again.
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(EDITOR);
  await page.getByLabel('Password').fill(demoPassword(EDITOR));
  await page.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/\/account$/);
  await page.goto('/review');
  const queue = page.getByRole('list', { name: 'Waiting photos, oldest first' });
  await expect(queue.getByText(publishTitle)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: publishTitle })).toBeVisible();

  await page.keyboard.press('p');
  await expect(queue.getByText(publishTitle)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: declineTitle })).toBeVisible();

  await page.keyboard.press('d');
  await expect(page.getByRole('group', { name: 'Reasons' })).toBeVisible();
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(queue.getByText(declineTitle)).toHaveCount(0);

  // The published photo reaches the storefront: the editor features it in a collection on the home page.
  const collectionTitle = `Market mornings ${stamp}`;
  const created = await context.request.post('/api/v1/collections', {
    headers: await xsrf(context.request),
    data: { title: collectionTitle, description: 'Stalls at first light', featured: true, published: true, assetIds: [published] },
  });
  expect(created.status(), await created.text()).toBe(201);
  await page.goto('/');
  const picks = page.getByRole('region', { name: 'Editors’ picks' });
  await expect(picks.getByRole('heading', { name: collectionTitle })).toBeVisible();
  await expect(picks.getByText('1 photo')).toBeVisible();

  // The contributor sees both outcomes, and the reason for the decline with the one appeal.
  await context.clearCookies();
  await signIn(context.request, CONTRIBUTOR);
  const status = async (id: string) => ((await (await context.request.get(`/api/v1/me/assets/${id}`)).json()) as { status: string }).status;
  expect(await status(published)).toBe('published');
  expect(await status(declined)).toBe('declined');
  await page.goto(`/portfolio/${declined}`);
  await expect(page.getByRole('heading', { name: 'Declined' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Appeal' })).toBeVisible();
});
