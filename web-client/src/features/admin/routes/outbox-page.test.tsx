import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { OutboxPage } from './outbox-page';

describe('OutboxPage', () => {
  it('shows mails kept locally with their text', async () => {
    mockApi({
      'GET /api/v1/admin/outbox': () =>
        json({
          items: [
            {
              id: 'm1', to: 'ana@example.test', subject: 'Declined: Harbour', textBody: 'Too similar to existing work',
              createdAt: '2026-11-27T10:00:00Z', sentAt: null, keptLocally: true, attempts: 0,
            },
          ],
          nextCursor: null,
        }),
    });
    renderWithProviders(<OutboxPage />);
    expect(await screen.findByText('Declined: Harbour')).toBeInTheDocument();
    expect(screen.getByText(/kept locally/)).toBeInTheDocument();
    expect(screen.getByText('Too similar to existing work')).toBeInTheDocument();
  });
});
