import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { FeaturedCollections } from './featured-collections';

describe('FeaturedCollections', () => {
  it('shows the featured collections with their covers and counts', async () => {
    const api = mockApi({
      'GET /api/v1/collections': () =>
        json({
          items: [
            {
              id: 'c1',
              title: 'Harbours at dawn',
              description: 'Boats at first light',
              cover: { url: '/media/renditions/x.jpg', width: 1600, height: 1067 },
              assetCount: 12,
              featured: true,
              published: true,
            },
          ],
        }),
    });
    renderWithProviders(<FeaturedCollections />);

    expect(await screen.findByRole('heading', { name: 'Harbours at dawn' })).toBeInTheDocument();
    expect(screen.getByText('12 photos')).toBeInTheDocument();
    expect(new URL(api.last('GET /api/v1/collections')!.url).searchParams.get('featured')).toBe('true');
  });

  it('shows nothing when there are no featured collections', async () => {
    mockApi({ 'GET /api/v1/collections': () => json({ items: [] }) });
    const { container } = renderWithProviders(<FeaturedCollections />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('.featured')).toBeNull();
  });
});
