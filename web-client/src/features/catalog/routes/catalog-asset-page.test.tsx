import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import type { CatalogAssetDetail } from '../api/get-catalog-asset';
import { makeItem } from '../testing/make-item';
import { CatalogAssetPage } from './catalog-asset-page';

const ID = '0192f0c1-0000-7000-8000-0000000000aa';
const usd = (amount: number) => ({ amount, currency: 'USD' });

const asset: CatalogAssetDetail = {
  id: ID,
  title: 'Harbour lights at dusk',
  description: 'Fishing boats in a quiet harbour.',
  keywords: ['harbour', 'boats at dusk'],
  width: 6000,
  height: 4000,
  orientation: 'landscape',
  editorialOnly: false,
  showsPeople: true,
  showsProperty: false,
  modelReleased: true,
  propertyReleased: false,
  contributor: { handle: 'ana-okafor', displayName: 'Ana Okafor' },
  preview: { url: '/media/renditions/p.jpg', width: 1600, height: 1067 },
  thumbnail: { url: '/media/renditions/t.jpg', width: 480, height: 320 },
  blurPlaceholder: null,
  colors: ['#1d2b53'],
  publishedAt: '2026-11-20T10:00:00Z',
  sizes: [
    { code: 'small', label: 'Small', width: 1000, height: 667, price: usd(1500) },
    { code: 'original', label: 'Original', width: 6000, height: 4000, price: usd(15000) },
  ],
  extended: [
    { code: 'unlimited-print', label: 'Unlimited print runs', price: usd(30000), quoteOnly: false },
    { code: 'market-freeze', label: 'Market freeze', price: null, quoteOnly: true },
  ],
};

function renderPage(detail: CatalogAssetDetail | null) {
  const api = mockApi({
    [`GET /api/v1/assets/${ID}`]: () => (detail ? json(detail) : problem(404, { title: 'Not found' })),
    [`GET /api/v1/assets/${ID}/similar`]: () =>
      json({ similar: [makeItem({ title: 'Harbour fog' })], moreFromContributor: [makeItem({ title: 'Meadow path' })] }),
  });
  const view = renderWithProviders(
    <Routes>
      <Route
        path="/assets/:id"
        element={
          <CatalogAssetPage
            renderLicense={(a) => <p data-testid="license-slot">{`${a.sizes.map((s) => s.code).join(',')} for ${a.title}`}</p>}
          />
        }
      />
    </Routes>,
    { route: `/assets/${ID}` },
  );
  return { api, ...view };
}

describe('CatalogAssetPage', () => {
  it('shows the watermarked preview, contributor, keywords, releases and priced sizes', async () => {
    renderPage(asset);
    expect(await screen.findByRole('heading', { level: 1, name: 'Harbour lights at dusk' })).toBeInTheDocument();
    const preview = screen.getByRole('img', { name: 'Harbour lights at dusk' });
    expect(preview).toHaveAttribute('width', '1600');
    expect(preview).toHaveAttribute('height', '1067');
    expect(screen.getByRole('link', { name: 'Ana Okafor' })).toHaveAttribute('href', '/c/ana-okafor');
    expect(screen.getByRole('link', { name: 'boats at dusk' })).toHaveAttribute('href', '/search?q=boats+at+dusk');
    expect(screen.getByText('Model release').nextElementSibling).toHaveTextContent('Released');
    expect(screen.getByText('Property release').nextElementSibling).toHaveTextContent('No recognisable property');

    // The buying panel is the licensing feature's, handed the photo's sizes and prices.
    expect(screen.getByTestId('license-slot')).toHaveTextContent('small,original for Harbour lights at dusk');

    expect(await screen.findByRole('list', { name: 'Similar photos' })).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'More from Ana Okafor' })).getByRole('link', { name: 'Meadow path by Ana Okafor' })).toBeInTheDocument();
    // Signed out: a way to sign in instead of the lightbox picker.
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('marks editorial-only photos', async () => {
    renderPage({ ...asset, editorialOnly: true, extended: [] });
    expect(await screen.findByText('Editorial use only')).toBeInTheDocument();
    expect(screen.queryByText('Extended rights (optional)')).toBeNull();
  });

  it('says when the photo is not available', async () => {
    renderPage(null);
    expect(await screen.findByRole('heading', { level: 1, name: 'This photo is not available' })).toBeInTheDocument();
  });
});
