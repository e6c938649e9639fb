import '@testing-library/jest-dom/vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { TURNOUT_POLL_MS, getProposalQueryOptions } from '../api/get-proposal';
import type { Proposal } from '../api/types';
import { closedProposal, election, makeProposal, meResponse, settings } from '../testing/fixtures';
import { ProposalPage } from './proposal-page';

function renderPage(proposal: Proposal | (() => Proposal), extra: Parameters<typeof mockApi>[0] = {}, me = meResponse()) {
  const current = typeof proposal === 'function' ? proposal : () => proposal;
  const api = mockApi({
    'GET /api/v1/me': () => json(me),
    [`GET /api/v1/proposals/${current().id}`]: () => json(current()),
    'GET /api/v1/coop/settings': () => json(settings),
    ...extra,
  });
  const view = renderWithProviders(
    <Routes>
      <Route path="/coop/proposals/:id" element={<ProposalPage />} />
    </Routes>,
    { route: `/coop/proposals/${current().id}` },
  );
  return { ...view, api };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ProposalPage', () => {
  it('shows the text, the rule in plain words, the binding change from → to, the window and live turnout', async () => {
    renderPage(makeProposal());
    expect(await screen.findByRole('heading', { level: 1, name: 'Raise the Extended royalty rate to 80 %' })).toBeInTheDocument();
    expect(screen.getByText('more', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByText(/Carries with a simple majority/)).toBeInTheDocument();
    const change = screen.getByRole('region', { name: 'Binding settings change' });
    await waitFor(() => expect(change).toHaveTextContent('Extended royalty rate: 75% → to 80%'));
    expect(screen.getByText(/Closes in 2 hours 5 minutes|Closes in 2 hours 4 minutes/)).toBeInTheDocument();
    expect(screen.getByText(/eligible members have voted \(30%\)/)).toHaveTextContent('12 of 40 eligible members have voted (30%). Quorum: 25% (10 votes) — reached.');
    expect(screen.getByText(/Secret ballot: the co-op records that you voted, never how/)).toBeInTheDocument();
  });

  it('casts a vote, then marks it as mine and offers to change it', async () => {
    let proposal = makeProposal();
    const { user, api } = renderPage(() => proposal, {
      'PUT /api/v1/proposals/p1/votes/me': () => {
        proposal = { ...proposal, myVote: { optionIds: ['opt-yes'], castAt: '2026-11-27T12:00:00Z' }, turnout: { eligible: 40, voted: 13 } };
        return json({ optionIds: ['opt-yes'], castAt: '2026-11-27T12:00:00Z' });
      },
    });
    const ballot = await screen.findByRole('group', { name: 'Choose one' });
    expect(within(ballot).getAllByRole('radio')).toHaveLength(3);
    await user.click(within(ballot).getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Vote' }));

    expect(await screen.findByText('Your vote was recorded. You can change it until voting closes.')).toBeInTheDocument();
    expect(await screen.findByText('13 of 40', { exact: false })).toBeInTheDocument();
    expect(await api.last('PUT /api/v1/proposals/p1/votes/me')!.json()).toEqual({ optionIds: ['opt-yes'] });
    const yes = screen.getByRole('radio', { name: 'Yes Your vote' });
    expect(yes).toBeChecked();
    expect(screen.getByRole('button', { name: 'Change vote' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('changes an earlier vote', async () => {
    const { user, api } = renderPage(makeProposal({ myVote: { optionIds: ['opt-no'], castAt: '2026-11-27T09:00:00Z' } }), {
      'PUT /api/v1/proposals/p1/votes/me': () => json({ optionIds: ['opt-yes'], castAt: '2026-11-27T12:00:00Z' }),
    });
    expect(await screen.findByRole('radio', { name: 'No Your vote' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('button', { name: 'Change vote' }));
    expect(await screen.findByText('Your vote was changed.')).toBeInTheDocument();
    expect(await api.last('PUT /api/v1/proposals/p1/votes/me')!.json()).toEqual({ optionIds: ['opt-yes'] });
  });

  it('shows the server’s refusal when the vote comes too late', async () => {
    const { user } = renderPage(makeProposal(), {
      'PUT /api/v1/proposals/p1/votes/me': () => problem(409, { title: 'Voting has closed', detail: 'Voting on this proposal closed at 12:00.' }),
    });
    await user.click(await screen.findByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Vote' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your vote was not recordedVoting on this proposal closed at 12:00.');
  });

  it('explains why a member of a class that may not vote has no ballot', async () => {
    renderPage(makeProposal({ eligibleClasses: ['worker'] }));
    expect(await screen.findByText('Only workers may vote on this proposal; you are a member as one of the contributors.')).toBeInTheDocument();
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Vote' })).not.toBeInTheDocument();
  });

  it('says a draft is not open yet, and offers the board to open it', async () => {
    const draft = makeProposal({ status: 'draft', opensAt: null, turnout: null, canVote: false, canEdit: true, canOpen: true, canWithdraw: true });
    const opened = { ...draft, status: 'open', canVote: true, canEdit: false, canOpen: false, turnout: { eligible: 40, voted: 0 } };
    const { user, api } = renderPage(draft, { 'POST /api/v1/proposals/p1/open': () => json(opened) }, meResponse({ roles: ['contributor', 'board'] }));
    expect(await screen.findByRole('link', { name: 'Edit draft' })).toHaveAttribute('href', '/coop/proposals/p1/edit');
    expect(await screen.findByText('This proposal is still a draft: members vote once the board opens it.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open for voting' }));
    await waitFor(() => expect(api.last('POST /api/v1/proposals/p1/open')).toBeDefined());
    expect(await screen.findByRole('button', { name: 'Vote' })).toBeInTheDocument();
  });

  it('does not offer a plain member to open a draft', async () => {
    renderPage(makeProposal({ status: 'draft', canVote: false }));
    await screen.findByText(/still a draft/);
    expect(screen.queryByRole('button', { name: 'Open for voting' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Edit draft' })).not.toBeInTheDocument();
  });

  it('polls the turnout every few seconds while open, and stops once closed', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let proposal = makeProposal();
    const { api } = renderPage(() => proposal);
    expect(await screen.findByText(/12 of 40/)).toBeInTheDocument();
    proposal = { ...proposal, turnout: { eligible: 40, voted: 17 } };
    await act(() => vi.advanceTimersByTimeAsync(TURNOUT_POLL_MS + 100));
    expect(await screen.findByText(/17 of 40/)).toBeInTheDocument();

    proposal = closedProposal();
    await act(() => vi.advanceTimersByTimeAsync(TURNOUT_POLL_MS + 100));
    expect(await screen.findByRole('heading', { name: 'Result' })).toBeInTheDocument();
    const calls = api.requests.filter((r) => r.url.endsWith('/api/v1/proposals/p1')).length;
    await act(() => vi.advanceTimersByTimeAsync(3 * TURNOUT_POLL_MS));
    expect(api.requests.filter((r) => r.url.endsWith('/api/v1/proposals/p1')).length).toBe(calls);
  });

  it('polls only open proposals', () => {
    const interval = getProposalQueryOptions('p1').refetchInterval as (q: { state: { data?: Proposal } }) => number | false;
    expect(interval({ state: { data: makeProposal() } })).toBe(TURNOUT_POLL_MS);
    expect(interval({ state: { data: closedProposal() } })).toBe(false);
    expect(interval({ state: { data: makeProposal({ status: 'draft' }) } })).toBe(false);
  });

  it('shows the result after close: outcome, quorum, a chart with counts and shares, and the settings change it applied', async () => {
    renderPage(closedProposal());
    const results = await screen.findByRole('region', { name: 'Result' });
    expect(within(results).getByText('Carried')).toBeInTheDocument();
    expect(results).toHaveTextContent('Quorum met: 50% turnout against 25% needed.');
    expect(within(results).getByRole('img', { name: /Bar chart: Votes per option/ })).toBeInTheDocument();
    expect(within(results).getAllByText('15 (75%)').length).toBeGreaterThan(0);
    expect(within(results).getByRole('row', { name: 'No 4 (20%) 20%' })).toBeInTheDocument();
    expect(within(results).getByRole('link', { name: 'see the change in the settings history' })).toHaveAttribute('href', '/coop/settings');
    expect(screen.getByRole('region', { name: 'Binding settings change' })).toHaveTextContent('The proposal carried and this change was applied.');
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });

  it('says why a carried change could not be made', async () => {
    const base = closedProposal();
    renderPage({ ...base, results: { ...base.results!, settingsChangeId: null, settingsChangeProblem: 'The licence option "poster" no longer exists.' } });
    const results = await screen.findByRole('region', { name: 'Result' });
    expect(within(results).getByRole('status')).toHaveTextContent('The settings change could not be madeThe licence option "poster" no longer exists.');
    expect(within(results).queryByRole('link', { name: /settings history/ })).not.toBeInTheDocument();
  });

  it('says when the quorum was not met', async () => {
    const base = closedProposal();
    renderPage({ ...base, results: { ...base.results!, quorumMet: false, turnoutBp: 1000, voted: 4, outcome: 'no_quorum', settingsChangeId: null } });
    const results = await screen.findByRole('region', { name: 'Result' });
    expect(within(results).getByText('No quorum')).toBeInTheDocument();
    expect(results).toHaveTextContent('Quorum not met: 10% turnout against 25% needed, so the proposal cannot carry.');
    expect(screen.getByRole('region', { name: 'Binding settings change' })).toHaveTextContent('Nothing changed');
  });

  it('takes approval votes for several candidates in an election and names the elected', async () => {
    const { user, api } = renderPage(election(), {
      'PUT /api/v1/proposals/e1/votes/me': () => json({ optionIds: ['c1', 'c3'], castAt: '2026-11-27T12:00:00Z' }),
    });
    const ballot = await screen.findByRole('group', { name: 'Tick every candidate you approve of' });
    expect(screen.getByText(/Approval voting: tick every candidate you would accept. The 2 candidates with the most approvals are elected/)).toBeInTheDocument();
    await user.click(within(ballot).getByRole('checkbox', { name: 'Ana Okafor' }));
    await user.click(within(ballot).getByRole('checkbox', { name: 'Chidi Eze' }));
    await user.click(screen.getByRole('button', { name: 'Vote' }));
    await waitFor(() => expect(api.last('PUT /api/v1/proposals/e1/votes/me')).toBeDefined());
    expect(await api.last('PUT /api/v1/proposals/e1/votes/me')!.json()).toEqual({ optionIds: ['c1', 'c3'] });
  });

  it('names the elected after an election closes', async () => {
    renderPage(
      election({
        status: 'closed',
        results: {
          eligible: 10, voted: 6, turnoutBp: 6000, quorumMet: true, outcome: 'elected', elected: ['u-ana', 'u-chidi'], closedAt: '2026-11-27T12:00:00Z',
          counts: [{ optionId: 'c1', votes: 5 }, { optionId: 'c2', votes: 2 }, { optionId: 'c3', votes: 4 }],
        },
      }),
    );
    const results = await screen.findByRole('region', { name: 'Result' });
    expect(results).toHaveTextContent('Elected to the board: Ana Okafor, Chidi Eze.');
    expect(within(results).getByRole('row', { name: /Ana Okafor \(elected\) 5 \(83.3%\)/ })).toBeInTheDocument();
  });

  it('says when there is no such proposal', async () => {
    mockApi({ 'GET /api/v1/me': () => json(meResponse()), 'GET /api/v1/proposals/nope': () => problem(404, { title: 'Not found' }) });
    renderWithProviders(
      <Routes>
        <Route path="/coop/proposals/:id" element={<ProposalPage />} />
      </Routes>,
      { route: '/coop/proposals/nope' },
    );
    expect(await screen.findByRole('heading', { name: 'Proposal not found' })).toBeInTheDocument();
  });
});
