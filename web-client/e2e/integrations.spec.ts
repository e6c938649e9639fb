import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { demoPassword } from './demo-accounts';

/**
 * Issue 8 in the browser: a member registers a webhook endpoint (a receiver this test runs) and sends it a test
 * event, which arrives signed with the secret the page showed once; then creates an API key whose scope a script
 * can use, and no more. The e2e API runs in the Local environment, where http and this machine's addresses are
 * allowed as webhook targets (production refuses both).
 */
const EMAIL = 'buyer@demo.mediacoop.test';

type Received = { headers: IncomingMessage['headers']; body: string };

/** Standard Webhooks, from the spec: base64 HMAC-SHA256 over "{id}.{timestamp}.{body}" with the secret after "whsec_". */
function signedWith(hook: Received, secret: string): boolean {
  const expected = Buffer.from(
    'v1,' +
      createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
        .update(`${hook.headers['webhook-id']}.${hook.headers['webhook-timestamp']}.${hook.body}`)
        .digest('base64'),
  );
  return String(hook.headers['webhook-signature'] ?? '')
    .split(' ')
    .some((s) => Buffer.from(s).length === expected.length && timingSafeEqual(Buffer.from(s), expected));
}

test('a member receives a signed test webhook and creates an API key that can do only what its scope allows', async ({ page, request }) => {
  test.setTimeout(120_000);
  const received: Received[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  try {
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(demoPassword(EMAIL));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);

    await page.getByRole('link', { name: 'Webhooks' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    await page.getByLabel('Endpoint URL').fill(url);
    await page.getByLabel(/order\.paid/).check();
    await page.getByRole('button', { name: 'Register endpoint' }).click();
    const secret = (await page.getByLabel('Signing secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    await page.getByRole('button', { name: /Send test event/ }).click();
    await expect.poll(() => received.length, { timeout: 60_000 }).toBeGreaterThan(0);
    const hook = received[0]!;
    expect(JSON.parse(hook.body).type).toBe('webhook.test');
    expect(signedWith(hook, secret)).toBe(true);
    expect(signedWith(hook, 'whsec_' + Buffer.alloc(32).toString('base64'))).toBe(false);
    // The deliveries log shows it delivered, with the receiver's answer.
    await expect(page.getByRole('table').getByRole('cell', { name: 'delivered' })).toBeVisible({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Profile' }).first().click();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('Catalogue sync');
    await form.getByLabel(/catalog:read/).check();
    await form.getByRole('button', { name: 'Create key' }).click();
    const key = await page.getByLabel('Your new API key').inputValue();
    expect(key).toMatch(/^mcp_[0-9A-Za-z]{38}$/);

    const auth = { Authorization: `Bearer ${key}` };
    expect((await request.get('/api/v1/assets?q=harbour', { headers: auth })).status()).toBe(200);
    expect((await request.get('/api/v1/me/licenses', { headers: auth })).status()).toBe(403);
    expect((await request.get('/api/v1/me', { headers: auth })).status()).toBe(403);
  } finally {
    receiver.close();
  }
});
