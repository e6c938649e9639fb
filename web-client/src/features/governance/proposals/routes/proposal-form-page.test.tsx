import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { election, makeProposal, meResponse, settings } from '../testing/fixtures';
import { EditProposalPage, NewProposalPage } from './proposal-form-page';

function renderNew(extra: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/v1/me': () => json(meResponse()),
    'GET /api/v1/coop/settings': () => json(settings),
    'POST /api/v1/proposals': async (request) => json({ ...makeProposal({ status: 'draft' }), ...((await request.json()) as object), id: 'new1' }, 201),
    'GET /api/v1/proposals/new1': () => json(makeProposal({ id: 'new1', status: 'draft' })),
    ...extra,
  });
  const view = renderWithProviders(
    <Routes>
      <Route path="/coop/proposals/new" element={<NewProposalPage />} />
      <Route path="/coop/proposals/:id/edit" element={<EditProposalPage />} />
      <Route path="/coop/proposals/:id" element={<p>Proposal page</p>} />
    </Routes>,
    { route: '/coop/proposals/new' },
  );
  return { ...view, api };
}

describe('NewProposalPage', () => {
  it('shows each problem next to its field and focuses the first', async () => {
    const { user, api } = renderNew();
    await user.clear(screen.getByLabelText('Quorum (%)'));
    await user.type(screen.getByLabelText('Quorum (%)'), '150');
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    const title = screen.getByRole('textbox', { name: 'Title' });
    expect(title).toHaveAccessibleDescription('Error: Give the proposal a title.');
    expect(title).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Text' })).toHaveAccessibleDescription(/Error: Explain what the members are voting on/);
    expect(screen.getByRole('textbox', { name: 'Quorum (%)' })).toHaveAccessibleDescription(/Error: Enter the quorum as a percentage/);
    expect(api.last('POST /api/v1/proposals')).toBeUndefined();
  });

  it('drafts a binding proposal, showing the change from today’s value and sending basis points', async () => {
    const { user, api } = renderNew();
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Raise the Extended royalty rate');
    await user.type(screen.getByRole('textbox', { name: 'Text' }), 'Extended licences earn more; so should we.');
    await user.click(screen.getByRole('radio', { name: /Special resolution/ }));
    await user.click(screen.getByRole('checkbox', { name: /Secret ballot/ }));
    await user.click(screen.getByRole('checkbox', { name: /changes the co-op's settings/ }));

    const extended = await screen.findByRole('textbox', { name: 'Extended royalty rate (%)' });
    expect(extended).toHaveAccessibleDescription('Now 75%. Leave empty to keep it.');
    await user.type(extended, '80');
    await user.type(screen.getByRole('textbox', { name: 'Payout threshold (USD)' }), '40');
    await user.type(screen.getByRole('textbox', { name: 'Small (USD)' }), '12.50');
    const preview = screen.getByRole('heading', { name: 'The change on the ballot' }).parentElement!;
    expect(within(preview).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Extended royalty rate: 75% → to 80%',
      'Payout threshold: $25.00 → to $40.00',
      'Price of Small: $9.00 → to $12.50',
    ]);

    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    expect(await screen.findByText('Proposal page')).toBeInTheDocument();
    const body = (await api.last('POST /api/v1/proposals')!.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      title: 'Raise the Extended royalty rate',
      kind: 'special',
      options: [],
      quorumBp: 2500,
      secretBallot: false,
      eligibleClasses: ['contributor', 'worker', 'founder'],
      settingsChange: { royaltyRateExtendedBp: 8000, payoutThresholdMinor: 4000, licensePrices: { small: 1250 } },
    });
  });

  it('puts the server’s validation messages on the fields, including the settings change', async () => {
    const { user } = renderNew({
      'POST /api/v1/proposals': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { Title: ['A proposal with this title is already open.'], 'SettingsChange.RoyaltyRateExtendedBp': ['The rate cannot fall below 60 %.'] },
        }),
    });
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Again');
    await user.type(screen.getByRole('textbox', { name: 'Text' }), 'Text');
    await user.click(screen.getByRole('checkbox', { name: /changes the co-op's settings/ }));
    await user.type(await screen.findByRole('textbox', { name: 'Extended royalty rate (%)' }), '50');
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Title' })).toHaveAccessibleDescription('Error: A proposal with this title is already open.'));
    expect(screen.getByRole('textbox', { name: 'Extended royalty rate (%)' })).toHaveAccessibleDescription(/Error: The rate cannot fall below 60 %/);
  });

  it('builds an election from custom candidates found in the directory', async () => {
    const { user, api } = renderNew({
      'GET /api/v1/members/directory': () =>
        json({
          items: [
            { id: 'u-ana', displayName: 'Ana Okafor', handle: 'ana-okafor', memberClass: 'contributor', joinedAt: '2026-01-01T00:00:00Z', board: false },
            { id: 'u-ben', displayName: 'Ben Lindqvist', handle: 'ben-lindqvist', memberClass: 'contributor', joinedAt: '2026-01-01T00:00:00Z', board: false },
          ],
        }),
    });
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Board election');
    await user.type(screen.getByRole('textbox', { name: 'Text' }), 'Two seats.');
    await user.click(screen.getByRole('radio', { name: /Board election/ }));
    expect(screen.queryByRole('heading', { name: 'Binding settings change' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Find a member to add' }), 'ana');
    await user.click(await screen.findByRole('button', { name: 'Add Ana Okafor' }));
    expect(within(screen.getByRole('list', { name: 'Chosen candidates' })).getByText(/Ana Okafor/)).toBeInTheDocument();
    // One candidate for one seat is no election.
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    expect(screen.getByRole('searchbox', { name: 'Find a member to add' })).toHaveAccessibleDescription(/Error: An election needs at least two candidates/);
    await user.type(screen.getByRole('searchbox', { name: 'Find a member to add' }), 'lindq');
    await user.click(await screen.findByRole('button', { name: 'Add Ben Lindqvist' }));
    await user.click(screen.getByRole('button', { name: 'Save as draft' }));
    expect(await screen.findByText('Proposal page')).toBeInTheDocument();
    expect(await api.last('POST /api/v1/proposals')!.json()).toMatchObject({ kind: 'election', candidateIds: ['u-ana', 'u-ben'], seats: 1, options: [] });
  });

  it('edits a draft with its values filled in', async () => {
    const draft = makeProposal({ status: 'draft', quorumBp: 3000 });
    const api = mockApi({
      'GET /api/v1/me': () => json(meResponse()),
      'GET /api/v1/coop/settings': () => json(settings),
      'GET /api/v1/proposals/p1': () => json(draft),
      'PUT /api/v1/proposals/p1': async (request) => json({ ...draft, ...((await request.json()) as object) }),
    });
    const { user } = renderWithProviders(
      <Routes>
        <Route path="/coop/proposals/:id/edit" element={<EditProposalPage />} />
        <Route path="/coop/proposals/:id" element={<p>Proposal page</p>} />
      </Routes>,
      { route: '/coop/proposals/p1/edit' },
    );
    expect(await screen.findByRole('textbox', { name: 'Title' })).toHaveValue(draft.title);
    expect(screen.getByRole('textbox', { name: 'Quorum (%)' })).toHaveValue('30');
    expect(screen.getByRole('textbox', { name: 'Extended royalty rate (%)' })).toHaveValue('80');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('Proposal page')).toBeInTheDocument();
    expect(await api.last('PUT /api/v1/proposals/p1')!.json()).toMatchObject({ quorumBp: 3000, settingsChange: { royaltyRateExtendedBp: 8000 } });
  });

  it('refuses to edit what is no longer a draft', async () => {
    mockApi({
      'GET /api/v1/me': () => json(meResponse()),
      'GET /api/v1/coop/settings': () => json(settings),
      'GET /api/v1/proposals/e1': () => json(election()),
    });
    renderWithProviders(
      <Routes>
        <Route path="/coop/proposals/:id/edit" element={<EditProposalPage />} />
      </Routes>,
      { route: '/coop/proposals/e1/edit' },
    );
    expect(await screen.findByText('This proposal can no longer be edited')).toBeInTheDocument();
  });
});
