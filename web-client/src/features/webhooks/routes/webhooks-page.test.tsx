import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { WebhooksPage } from './webhooks-page';

const eventTypes = [
  { type: 'asset.published', description: 'One of your photos was published in the catalogue.' },
  { type: 'order.paid', description: 'One of your orders was paid.' },
];

const endpoint = {
  id: 'e1',
  url: 'https://example.com/hooks',
  description: 'Our DAM',
  events: ['order.paid'],
  enabled: true,
  disabledAt: null,
  disabledReason: null,
  createdAt: '2026-11-27T10:00:00Z',
  previousSecretExpiresAt: null,
};

const delivery = {
  id: 'd1',
  eventId: 'ev1',
  eventType: 'order.paid',
  status: 'failed',
  attempts: 14,
  lastStatusCode: 500,
  lastError: 'The endpoint answered 500.',
  responseExcerpt: null,
  manual: false,
  createdAt: '2026-11-24T10:00:00Z',
  lastAttemptAt: '2026-11-27T10:00:00Z',
  nextAttemptAt: null,
  deliveredAt: null,
};

describe('WebhooksPage', () => {
  it('registers an endpoint for the chosen events and shows its secret once', async () => {
    const secret = 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI=';
    const api = mockApi({
      'GET /api/v1/me/webhooks': () => json({ items: [], eventTypes }),
      'POST /api/v1/me/webhooks': () => json({ endpoint, secret }, 201),
    });
    const { user } = renderWithProviders(<WebhooksPage />);

    await user.type(await screen.findByLabelText('Endpoint URL'), 'https://example.com/hooks');
    await user.click(screen.getByRole('checkbox', { name: /order\.paid/ }));
    await user.click(screen.getByRole('button', { name: 'Register endpoint' }));

    expect(await screen.findByLabelText('Signing secret')).toHaveTextContent(secret);
    expect(await api.last('POST /api/v1/me/webhooks')!.json()).toEqual({
      url: 'https://example.com/hooks',
      description: null,
      events: ['order.paid'],
    });
    await user.click(screen.getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByLabelText('Signing secret')).not.toBeInTheDocument();
  });

  it('asks for at least one event and shows the server’s reason for refusing an address', async () => {
    mockApi({
      'GET /api/v1/me/webhooks': () => json({ items: [], eventTypes }),
      'POST /api/v1/me/webhooks': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { url: ['10.0.0.1 leads to 10.0.0.1, a private or reserved address; webhooks go to public internet addresses only.'] },
        }),
    });
    const { user } = renderWithProviders(<WebhooksPage />);

    await user.type(await screen.findByLabelText('Endpoint URL'), 'https://10.0.0.1/hooks');
    await user.click(screen.getByRole('button', { name: 'Register endpoint' }));
    expect(await screen.findByText('Choose at least one event to receive.')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: /asset\.published/ }));
    await user.click(screen.getByRole('button', { name: 'Register endpoint' }));
    expect(await screen.findByText(/a private or reserved address/)).toBeInTheDocument();
  });

  it('sends a test event, shows the deliveries log and redelivers a failed delivery', async () => {
    const redeliver = vi.fn(() => json({ ...delivery, id: 'd2', status: 'pending', attempts: 0, manual: true }, 202));
    const test = vi.fn(() => json({ ...delivery, id: 'd3', eventType: 'webhook.test', status: 'pending', attempts: 0 }, 202));
    mockApi({
      'GET /api/v1/me/webhooks': () => json({ items: [endpoint], eventTypes }),
      'GET /api/v1/me/webhooks/e1/deliveries': () => json({ items: [delivery] }),
      'POST /api/v1/me/webhooks/e1/test': test,
      'POST /api/v1/me/webhooks/e1/deliveries/d1/redeliver': redeliver,
    });
    const { user } = renderWithProviders(<WebhooksPage />);

    const card = await screen.findByRole('article', { name: 'https://example.com/hooks' });
    await user.click(within(card).getByRole('button', { name: 'Send test event' }));
    expect(test).toHaveBeenCalledOnce();
    const row = (await within(card).findByText('failed')).closest('tr')!;
    expect(within(row).getByText('14')).toBeInTheDocument();
    expect(within(row).getByText('The endpoint answered 500.')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: /Redeliver/ }));
    expect(redeliver).toHaveBeenCalledOnce();
  });

  it('rotates the secret and turns an endpoint off', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const update = vi.fn(() => json({ ...endpoint, enabled: false, disabledReason: 'Turned off by you.' }));
    const api = mockApi({
      'GET /api/v1/me/webhooks': () => json({ items: [endpoint], eventTypes }),
      'POST /api/v1/me/webhooks/e1/rotate-secret': () =>
        json({ secret: 'whsec_bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3bmV3MTI=', previousSecretExpiresAt: '2026-11-28T10:00:00Z' }),
      'PATCH /api/v1/me/webhooks/e1': update,
    });
    const { user } = renderWithProviders(<WebhooksPage />);

    const card = await screen.findByRole('article', { name: 'https://example.com/hooks' });
    await user.click(within(card).getByRole('button', { name: 'Rotate secret' }));
    expect(await within(card).findByLabelText('Signing secret')).toHaveTextContent('whsec_bmV3');
    await user.click(within(card).getByRole('button', { name: 'Turn off' }));
    expect(update).toHaveBeenCalledOnce();
    expect(await api.last('PATCH /api/v1/me/webhooks/e1')!.json()).toEqual({ enabled: false });
  });
});
