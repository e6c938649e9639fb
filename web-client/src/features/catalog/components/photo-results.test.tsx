import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { makeItem } from '../testing/make-item';
import { PhotoResults } from './photo-results';

const me = { id: 'u1', email: 'bea@example.test', displayName: 'Bea Buyer', roles: ['buyer'], membership: null, createdAt: '2026-01-01T00:00:00Z' };

describe('PhotoResults', () => {
  const photos = [makeItem({ title: 'Harbour lights' }), makeItem({ title: 'Meadow path', width: 3000, height: 4500 })];

  it('shows each photo as a lazy image with its size, linking to the asset page', async () => {
    mockApi();
    renderWithProviders(<PhotoResults photos={photos} label="Results" />);
    const link = screen.getByRole('link', { name: 'Harbour lights by Ana Okafor' });
    expect(link).toHaveAttribute('href', `/assets/${photos[0]!.id}`);
    const image = within(link).getByRole('img');
    expect(image).toHaveAttribute('loading', 'eager');
    expect(image).toHaveAttribute('decoding', 'async');
    expect(image).toHaveAttribute('width', '480');
    expect(image).toHaveAttribute('height', '320');
    // The blur placeholder shows until the image has loaded.
    expect(image.getAttribute('style')).toContain('data:image/png;base64,AAAA');
  });

  it('offers no lightbox button to signed-out visitors', async () => {
    mockApi();
    renderWithProviders(<PhotoResults photos={photos} label="Results" />);
    await screen.findByRole('link', { name: 'Harbour lights by Ana Okafor' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(screen.queryByRole('button', { name: /to a lightbox/ })).toBeNull();
  });

  it('offers a lightbox button on every tile to signed-in users, opening the picker', async () => {
    mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/lightboxes': () =>
        json({
          items: [
            { id: 'lb1', name: 'Spring campaign', assetCount: 3, covers: [], shared: false, shareToken: null, updatedAt: '2026-11-20T10:00:00Z', containsAsset: true },
          ],
        }),
    });
    const { user } = renderWithProviders(<PhotoResults photos={photos} label="Results" />);
    expect(await screen.findByRole('button', { name: 'Add “Harbour lights” to a lightbox' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add “Meadow path” to a lightbox' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add “Harbour lights” to a lightbox' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add to a lightbox' });
    expect(await within(dialog).findByRole('checkbox', { name: /Spring campaign/ })).toBeChecked();
  });
  it('shows a long page of results in full, in order, the first screens first', async () => {
    mockApi();
    const many = Array.from({ length: 60 }, (_, i) => makeItem({ title: `Photo ${i + 1}` }));
    renderWithProviders(<PhotoResults photos={many} label="Results" />);
    const list = screen.getByRole('list', { name: 'Results' });
    const first = within(list).getAllByRole('img');
    expect(first[0]).toHaveAccessibleName('Photo 1 by Ana Okafor');
    await vi.waitFor(() => expect(within(list).getAllByRole('img')).toHaveLength(60));
    expect(within(list).getAllByRole('img').map((img) => img.getAttribute('alt'))).toEqual(
      many.map((_, i) => `Photo ${i + 1} by Ana Okafor`),
    );
  });
});
