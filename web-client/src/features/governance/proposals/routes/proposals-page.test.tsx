import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { closedProposal, makeProposal, meResponse } from '../testing/fixtures';
import { ProposalsPage, statusFromParams } from './proposals-page';

const lists = {
  open: [makeProposal({ myVote: { optionIds: [], castAt: '2026-11-27T09:00:00Z' } })],
  draft: [] as ReturnType<typeof makeProposal>[],
  closed: [
    closedProposal({ id: 'p2', title: 'Adopt the 2027 budget' }),
    closedProposal({ id: 'p3', title: 'Lower the payout threshold', results: { ...closedProposal().results!, outcome: 'no_quorum', quorumMet: false } }),
  ],
};

function renderList(route: string) {
  const api = mockApi({
    'GET /api/v1/me': () => json(meResponse()),
    'GET /api/v1/proposals': (request) => json({ items: lists[new URL(request.url).searchParams.get('status') as keyof typeof lists] }),
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
    expect(item).toHaveTextContent('changes the co-op’s settings');
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
