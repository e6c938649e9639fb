import { act, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { myAssetQueryKey } from '../api/get-my-asset';
import { makeAsset, OWNER } from '../testing/make-asset';
import { AssetPage } from './asset-page';

const CO = '0190a1b2-0000-7000-8000-0000000000bb';

function renderPage(asset: ReturnType<typeof makeAsset>, handlers: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /api/v1/me': () => json(OWNER),
    [`GET /api/v1/me/assets/${asset.id}`]: () => json(asset),
    'GET /api/v1/me/releases': () => json({ items: [] }),
    ...handlers,
  });
  const result = renderWithProviders(
    <Routes>
      <Route path="/portfolio/:id" element={<AssetPage />} />
    </Routes>,
    { route: `/portfolio/${asset.id}` },
  );
  return { ...result, api };
}

describe('AssetPage', () => {
  it('prefills the form and keeps GPS private', async () => {
    const asset = makeAsset({ title: 'Harbour at dawn', keywords: ['harbour', 'dawn'], hasPrivateLocation: true });
    renderPage(asset);

    expect(await screen.findByLabelText('Title')).toHaveValue('Harbour at dawn');
    expect(screen.getByText('15 of 70 characters')).toBeInTheDocument();
    expect(screen.getByText('2 of 7–50')).toBeInTheDocument();
    expect(screen.getByText('Location kept private')).toBeInTheDocument();
    // The owner is credited with everything until someone else is added.
    expect(screen.getByLabelText('Share for Ana Photographer, in percent')).toHaveValue('100');
    expect(screen.getByRole('img', { name: 'Preview of Harbour at dawn' })).toHaveAttribute('width', '1600');
  });

  it('refuses to save shares that do not add up to 100%, then sends basis points', async () => {
    const asset = makeAsset();
    const patch = vi.fn(() => json(asset));
    const { user, api } = renderPage(asset, { [`PATCH /api/v1/me/assets/${asset.id}`]: patch });

    await user.type(await screen.findByLabelText('Co-contributor’s user id'), CO);
    await user.click(screen.getByRole('button', { name: 'Add contributor' }));
    const mine = screen.getByLabelText('Share for Ana Photographer, in percent');
    await user.clear(mine);
    await user.type(mine, '60');
    await user.clear(screen.getByLabelText(`Share for ${CO}, in percent`));
    await user.type(screen.getByLabelText(`Share for ${CO}, in percent`), '30');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText(/Shares must add up to 100% \(now 90%\)\./)).toBeInTheDocument();
    expect(mine).toHaveFocus();
    expect(patch).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText(`Share for ${CO}, in percent`));
    await user.type(screen.getByLabelText(`Share for ${CO}, in percent`), '40.5');
    await user.clear(mine);
    await user.type(mine, '59.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await vi.waitFor(() => expect(patch).toHaveBeenCalledTimes(1));
    const sent = (await api.last(`PATCH /api/v1/me/assets/${asset.id}`)!.json()) as { contributors: unknown };
    expect(sent.contributors).toEqual([
      { userId: OWNER.id, shareBasisPoints: 5950 },
      { userId: CO, shareBasisPoints: 4050 },
    ]);
  });

  it('shows validation errors from the server next to their fields', async () => {
    const asset = makeAsset();
    const { user } = renderPage(asset, {
      [`PATCH /api/v1/me/assets/${asset.id}`]: () =>
        problem(400, { title: 'One or more validation errors occurred.', errors: { keywords: ['Keywords can be at most 50 characters each.'] } }),
    });

    await user.type(await screen.findByLabelText('Keywords', { selector: 'input' }), 'x{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const input = screen.getByLabelText('Keywords', { selector: 'input' });
    expect(await screen.findByText('Keywords can be at most 50 characters each.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveFocus();
  });

  it('saves unsaved changes, then submits; a 409 lists what is missing', async () => {
    const asset = makeAsset();
    const submit = vi.fn(() =>
      problem(409, {
        title: 'Not ready for review',
        detail: 'Complete the photo before submitting it.',
        missing: ['A title', 'At least 7 keywords (this photo has 1)'],
      }),
    );
    const { user, api } = renderPage(asset, {
      [`PATCH /api/v1/me/assets/${asset.id}`]: async (r) => json({ ...asset, ...((await r.json()) as object), contributors: [] }),
      [`POST /api/v1/me/assets/${asset.id}/submit`]: submit,
    });

    await user.type(await screen.findByLabelText('Keywords', { selector: 'input' }), 'harbour{Enter}');
    await user.click(screen.getByRole('button', { name: 'Submit for review' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not ready to submit yet')).toBeInTheDocument();
    expect(within(alert).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'A title',
      'At least 7 keywords (this photo has 1)',
    ]);
    expect(alert).toHaveFocus();
    expect(api.last(`PATCH /api/v1/me/assets/${asset.id}`)).toBeDefined();
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it('shows the new status after a successful submit', async () => {
    const asset = makeAsset({ title: 'Ready', keywords: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    const { user } = renderPage(asset, {
      [`POST /api/v1/me/assets/${asset.id}/submit`]: () => json({ ...asset, status: 'inReview', submittedAt: '2026-05-03T00:00:00Z' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Submit for review' }));

    expect(await screen.findByText('In review')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Submit for review' })).not.toBeInTheDocument();
  });

  it('warns about near-duplicates and shows a failure reason', async () => {
    const asset = makeAsset({
      status: 'failed',
      failureReason: 'The file is damaged after the first 2 MB.',
      nearDuplicates: [
        { assetId: 'mine-1', distance: 3, yours: true },
        { assetId: 'other-1', distance: 5, yours: false },
      ],
    });
    renderPage(asset);

    expect(await screen.findByText('The file is damaged after the first 2 MB.')).toBeInTheDocument();
    expect(screen.getByText('This photo looks very similar to others')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Your similar photo' })).toHaveAttribute('href', '/portfolio/mine-1');
  });

  it('takes up the metadata read from the file when processing ends, unless the user is editing', async () => {
    const asset = makeAsset({ status: 'processing', thumbnail: null, preview: null });
    const { queryClient, user } = renderPage(asset);
    expect(await screen.findByLabelText('Title')).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Submit for review' })).not.toBeInTheDocument();

    act(() => queryClient.setQueryData(myAssetQueryKey(asset.id), { ...asset, status: 'draft', title: 'From IPTC', keywords: ['iptc'] }));
    expect(await screen.findByDisplayValue('From IPTC')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Submit for review' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Title'), '!');
    act(() => queryClient.setQueryData(myAssetQueryKey(asset.id), { ...asset, status: 'draft', title: 'Changed elsewhere' }));
    expect(screen.getByLabelText('Title')).toHaveValue('From IPTC!');
  });

  it('shows the editors\' reasons for a decline and sends the one appeal', async () => {
    const review = {
      outcome: 'decline',
      reasonCodes: ['too-similar'],
      reasons: ['Too similar to existing work'],
      note: 'We have many harbour shots.',
      decidedAt: '2026-11-20T10:00:00Z',
      onAppeal: false,
      canAppeal: true,
    };
    const asset = makeAsset({ status: 'declined', review });
    const appeal = vi.fn(() => json({ ...asset, status: 'appealed', review: { ...review, canAppeal: false } }));
    const { user, api } = renderPage(asset, { [`POST /api/v1/me/assets/${asset.id}/appeal`]: appeal });

    expect(await screen.findByRole('heading', { name: 'Declined' })).toBeInTheDocument();
    expect(screen.getByText('Too similar to existing work')).toBeInTheDocument();
    expect(screen.getByText('We have many harbour shots.')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/Appeal this decision/), 'It is a different scene.');
    await user.click(screen.getByRole('button', { name: 'Appeal' }));

    expect(appeal).toHaveBeenCalledOnce();
    expect(await api.last(`POST /api/v1/me/assets/${asset.id}/appeal`)!.json()).toEqual({ note: 'It is a different scene.' });
    expect(await screen.findByText('Appealed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Appeal' })).not.toBeInTheDocument();
  });

  it('tells the contributor where a waiting photo stands in the queue', async () => {
    const asset = makeAsset({ status: 'inReview', queue: { position: 3, medianWaitHours: 5.5 } });
    renderPage(asset);
    expect(await screen.findByText('Number 3 in the review queue · recent median wait 5.5 hours')).toBeInTheDocument();
  });
});
