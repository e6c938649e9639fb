import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ana, bea, signedIn } from '../testing/fixtures';
import { AdminReportsPage } from './admin-reports-page';

const report = (id: string, text: string) => ({
  id,
  status: 'open',
  reason: 'Insults',
  createdAt: '2026-11-27T10:05:00Z',
  reporter: bea,
  message: {
    id: `m-${id}`, threadId: 't1', threadKind: 'question', threadSubject: 'Harbour lights', author: ana, body: text, bodyHtml: `<p>${text}</p>`,
    createdAt: '2026-11-27T10:00:00Z', hidden: true, removed: false,
  },
  reviewedBy: null, reviewedAt: null, note: null,
});

describe('AdminReportsPage', () => {
  it('shows each open report with the message, its author, the reporter and the reason; remove and restore decide it', async () => {
    let open = [report('r1', 'You are a fraud'), report('r2', 'Meet me at noon')];
    const mock = mockApi({
      'GET /api/v1/me': () => json(signedIn({ roles: ['admin'] })),
      'GET /api/v1/admin/reports': () => json({ items: open }),
      'POST /api/v1/admin/reports/r1/decision': () => {
        open = open.filter((r) => r.id !== 'r1');
        return json({ ...report('r1', ''), status: 'removed' });
      },
      'POST /api/v1/admin/reports/r2/decision': () => {
        open = open.filter((r) => r.id !== 'r2');
        return json({ ...report('r2', ''), status: 'restored' });
      },
    });
    const { user } = renderWithProviders(<AdminReportsPage />, { route: '/admin/reports' });
    const list = await screen.findByRole('list', { name: 'Open reports, oldest first' });
    const [first, second] = within(list).getAllByRole('listitem');
    expect(first).toHaveTextContent('Ana Okafor wrote in a private question, “Harbour lights”');
    expect(first).toHaveTextContent('You are a fraud');
    expect(first).toHaveTextContent('Reported by Bea Buyer');
    expect(first).toHaveTextContent('Insults');

    await user.type(within(first!).getByRole('textbox', { name: /Note to the author/ }), 'Personal attack');
    await user.click(within(first!).getByRole('button', { name: 'Remove message' }));
    expect(await mock.last('POST /api/v1/admin/reports/r1/decision')!.json()).toEqual({ outcome: 'remove', note: 'Personal attack' });
    await user.click(within(second!).getByRole('button', { name: 'Restore message' }));
    expect(await mock.last('POST /api/v1/admin/reports/r2/decision')!.json()).toEqual({ outcome: 'restore' });
    expect(await screen.findByText('No open reports.')).toBeInTheDocument();
  });
});
