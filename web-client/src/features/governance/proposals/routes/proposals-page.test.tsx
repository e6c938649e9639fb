import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import type { ProposalSummary } from '../api/types';
import { meResponse } from '../testing/fixtures';
import { ProposalsPage, statusFromParams } from './proposals-page';

const summary = (overrides: Partial<ProposalSummary>): ProposalSummary => ({
  id: 'p1',
  title: 'Raise the Extended royalty rate to 80 %',
  kind: 'ordinary',
  status: 'open',
  author: { id: 'u-author', displayName: 'Ben Lindqvist' },
  opensAt: '2026-11-27T10:00:00Z',
  closesAt: new Date(Date.now() + 2 * 3600_000 + 5 * 60_000).toISOString(),
  createdAt: '2026-11-26T10:00:00Z',
  closedAt: null,
  turnout: { eligible: 40, voted: 12 },
  outcome: null,
  voted: true,
  ...overrides,
});

const lists: Record<string, ProposalSummary[]> = {
  open: [summary({})],
  draft: [],
  closed: [
    summary({ id: 'p2', title: 'Adopt the 2027 budget', status: 'closed', outcome: 'carried', closedAt: '2026-11-20T10:00:05Z', turnout: { eligible: 40, voted: 20 } }),
    summary({ id: 'p3', title: 'Lower the payout threshold', status: 'closed', outcome: 'no_quorum', closedAt: '2026-11-19T10:00:05Z', turnout: { eligible: 40, voted: 2 } }),
  ],
};

function renderList(route: string) {
  const api = mockApi({
    'GET /api/v1/me': () => json(meResponse()),
    'GET /api/v1/proposals': (request) => json({ items: lists[new URL(request.url).searchParams.get('status')!] }),
  });
  return { ...renderWithProviders(<ProposalsPage />, { route }), api };
}

describe('ProposalsPage', () => {
  it('lists open proposals with the time left and live turnout', async () => {
    const { api } = renderList('/coop/proposals');
    const list = await screen.findByRole('list', { name: 'Open for voting' });
    const item = within(list).getAllByRole('listitem')[0]!;
    expect(within(item).getByRole('link', { name: 'Raise the Extended royalty rate to 80 %' })).toHaveAttribute('href', '/coop/proposals/p1');
    expect(item).toHaveTextContent(/Closes in 2 hours \d+ minutes · You have voted/);
    expect(item).toHaveTextContent('12 of 40 eligible members have voted (30%)');
    expect(screen.getByRole('link', { name: 'Open for voting' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'New proposal' })).toHaveAttribute('href', '/coop/proposals/new');
    expect(new URL(api.last('GET /api/v1/proposals')!.url).searchParams.get('status')).toBe('open');
  });

  it('shows closed proposals with their outcome', async () => {
    renderList('/coop/proposals?status=closed');
    const list = await screen.findByRole('list', { name: 'Closed' });
    const [budget, threshold] = within(list).getAllByRole('listitem');
    expect(within(budget!).getByText('Carried')).toBeInTheDocument();
    expect(budget).toHaveTextContent('20 of 40 voted');
    expect(within(threshold!).getByText('No quorum')).toBeInTheDocument();
  });

  it('says when there are no drafts', async () => {
    renderList('/coop/proposals?status=draft');
    expect(await screen.findByText('No drafts. Anyone in the co-op can draft a proposal.')).toBeInTheDocument();
  });

  it('reads the status from the address and ignores nonsense', () => {
    expect(statusFromParams(new URLSearchParams('status=closed'))).toBe('closed');
    expect(statusFromParams(new URLSearchParams('status=secret'))).toBe('open');
    expect(statusFromParams(new URLSearchParams(''))).toBe('open');
  });
});
