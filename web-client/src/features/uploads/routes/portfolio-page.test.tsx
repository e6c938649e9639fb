import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { getMyAssetsQueryOptions, PROCESSING_POLL_MS } from '../api/get-my-assets';
import { makeAsset, OWNER } from '../testing/make-asset';
import { PortfolioPage } from './portfolio-page';

const query = (r: Request | undefined) => Object.fromEntries(new URL(r!.url).searchParams);

describe('PortfolioPage', () => {
  it('lists the assets with lazy thumbnails over their blur placeholder', async () => {
    const assets = Array.from({ length: 8 }, (_, i) => makeAsset({ title: `Photo ${i + 1}` }));
    mockApi({ 'GET /api/v1/me': () => json(OWNER), 'GET /api/v1/me/assets': () => json({ items: assets, nextCursor: null }) });
    renderWithProviders(<PortfolioPage />, { route: '/portfolio' });

    const grid = await screen.findByRole('list', { name: 'Photos: All' });
    expect(within(grid).getAllByRole('link')).toHaveLength(8);
    const last = within(grid).getByRole('img', { name: 'Photo 8' });
    expect(last).toHaveAttribute('loading', 'lazy');
    expect(last).toHaveAttribute('width', '400');
    expect(last).toHaveAttribute('height', '267');
    expect(last.style.backgroundImage).toContain('data:image/jpeg;base64,AAAA');
    expect(within(grid).getByRole('img', { name: 'Photo 1' })).toHaveAttribute('loading', 'eager');
  });

  it('asks the server for the chosen status', async () => {
    const api = mockApi({
      'GET /api/v1/me': () => json(OWNER),
      'GET /api/v1/me/assets': (r) => {
        const status = new URL(r.url).searchParams.get('status');
        return json({ items: status === 'draft' ? [makeAsset({ title: 'A draft' })] : [], nextCursor: null });
      },
    });
    const { user } = renderWithProviders(<PortfolioPage />, { route: '/portfolio' });

    await screen.findByText('You have not uploaded any photos yet.', { exact: false });
    expect(query(api.last('GET /api/v1/me/assets'))).toEqual({ limit: '24' });

    const tabs = screen.getByRole('navigation', { name: 'Filter by status' });
    await user.click(within(tabs).getByRole('link', { name: 'Drafts' }));

    expect(await screen.findByRole('list', { name: 'Photos: Drafts' })).toHaveTextContent('A draft');
    expect(query(api.last('GET /api/v1/me/assets'))).toEqual({ status: 'draft', limit: '24' });
    expect(within(tabs).getByRole('link', { name: 'Drafts' })).toHaveAttribute('aria-current', 'page');

    await user.click(within(tabs).getByRole('link', { name: 'In review' }));
    await vi.waitFor(() => expect(query(api.last('GET /api/v1/me/assets'))).toEqual({ status: 'inReview', limit: '24' }));
  });

  it('loads the next page with the cursor', async () => {
    const api = mockApi({
      'GET /api/v1/me': () => json(OWNER),
      'GET /api/v1/me/assets': (r) =>
        new URL(r.url).searchParams.get('cursor') === 'c2'
          ? json({ items: [makeAsset({ title: 'Second page' })], nextCursor: null })
          : json({ items: [makeAsset({ title: 'First page' })], nextCursor: 'c2' }),
    });
    const { user } = renderWithProviders(<PortfolioPage />, { route: '/portfolio' });

    await user.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('Second page')).toBeInTheDocument();
    expect(screen.getByText('First page')).toBeInTheDocument();
    expect(query(api.last('GET /api/v1/me/assets'))).toEqual({ cursor: 'c2', limit: '24' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('polls every 3 seconds only while an asset is processing', () => {
    const options = getMyAssetsQueryOptions(null);
    const interval = options.refetchInterval as (q: unknown) => number | false;
    const withItems = (status: string) => ({ state: { data: { pages: [{ items: [makeAsset({ status: status as 'draft' })] }] } } });
    expect(interval(withItems('processing'))).toBe(PROCESSING_POLL_MS);
    expect(PROCESSING_POLL_MS).toBe(3000);
    expect(interval(withItems('draft'))).toBe(false);
  });

  it('submits the selected photos and says per photo what is missing', async () => {
    const ready = makeAsset({ title: 'Ready one' });
    const incomplete = makeAsset({ title: 'Half done' });
    const api = mockApi({
      'GET /api/v1/me': () => json(OWNER),
      'GET /api/v1/me/assets': () => json({ items: [ready, incomplete], nextCursor: null }),
      'POST /api/v1/me/assets/submit': () =>
        json({ submitted: [ready.id], rejected: [{ assetId: incomplete.id, missing: ['At least 7 keywords', 'A title under 70 characters'] }] }),
    });
    const { user } = renderWithProviders(<PortfolioPage />, { route: '/portfolio' });

    await user.click(await screen.findByRole('checkbox', { name: 'Select Ready one' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Half done' }));
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Submit selected' }));

    const report = await screen.findByText('1 submitted for review, 1 not ready yet');
    const box = report.closest('.alert') as HTMLElement;
    expect(within(box).getByRole('link', { name: 'Half done' })).toHaveAttribute('href', `/portfolio/${incomplete.id}`);
    expect(box).toHaveTextContent('At least 7 keywords');
    expect(box).toHaveTextContent('A title under 70 characters');
    expect(await api.last('POST /api/v1/me/assets/submit')!.json()).toEqual({ assetIds: [ready.id, incomplete.id] });
    // The ones still to fix stay selected.
    expect(screen.getByRole('checkbox', { name: 'Select Half done' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Select Ready one' })).not.toBeChecked();
  });

  it('applies a batch edit to the selected photos', async () => {
    const a = makeAsset({ title: 'One' });
    const b = makeAsset({ title: 'Two' });
    const api = mockApi({
      'GET /api/v1/me': () => json(OWNER),
      'GET /api/v1/me/assets': () => json({ items: [a, b], nextCursor: null }),
      'GET /api/v1/me/releases': () =>
        json({ items: [{ id: 'r1', kind: 'model', name: 'Maria', contentType: 'application/pdf', byteSize: 1000, createdAt: '2026-01-01T00:00:00Z' }] }),
      'PATCH /api/v1/me/assets': () => json({ items: [a, b] }),
    });
    const { user } = renderWithProviders(<PortfolioPage />, { route: '/portfolio' });

    await user.click(await screen.findByRole('checkbox', { name: 'Select One' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Two' }));
    await user.click(screen.getByRole('button', { name: 'Edit selected' }));
    await user.type(screen.getByLabelText('Add keywords', { selector: 'input' }), 'coast, summer{Enter}');
    await user.type(screen.getByLabelText('Remove keywords', { selector: 'input' }), 'winter{Enter}');
    await user.selectOptions(screen.getByLabelText('Editorial use only'), 'yes');
    await user.click(await screen.findByRole('checkbox', { name: /Maria/ }));
    await user.click(screen.getByRole('button', { name: 'Apply to 2 photos' }));

    expect(await screen.findByText('Updated 2 photos.')).toBeInTheDocument();
    expect(await api.last('PATCH /api/v1/me/assets')!.json()).toEqual({
      assetIds: [a.id, b.id],
      addKeywords: ['coast', 'summer'],
      removeKeywords: ['winter'],
      editorialOnly: true,
      releaseIds: ['r1'],
    });
  });
});
