import '@testing-library/jest-dom/vitest';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { CollectionsPage } from './collections-page';

const A = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';

describe('CollectionsPage', () => {
  it('lists published collections with counts', async () => {
    mockApi({
      'GET /api/v1/collections': () =>
        json({ items: [{ id: A, title: 'Harbours', assetCount: 12, featured: true, published: true }] }),
    });
    renderWithProviders(<CollectionsPage />, { route: '/review/collections' });
    expect(await screen.findByText('Harbours (12 photos)')).toBeInTheDocument();
  });

  it('posts the parsed asset ids and shows a field error from a validation problem', async () => {
    const api = mockApi({
      'GET /api/v1/collections': () => json({ items: [] }),
      'POST /api/v1/collections': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: { AssetIds: [`Asset ${B} is not published.`] },
        }),
    });
    const { user } = renderWithProviders(<CollectionsPage />, { route: '/review/collections' });

    await user.type(screen.getByLabelText('Title'), 'Harbours');
    await user.click(screen.getByLabelText('Featured'));
    await user.type(screen.getByLabelText('Asset ids'), `  ${A}  {enter}{enter}${B}{enter}`);
    await user.click(screen.getByRole('button', { name: 'Create collection' }));

    await waitFor(() => expect(api.last('POST /api/v1/collections')).toBeDefined());
    expect(await api.last('POST /api/v1/collections')!.json()).toEqual({
      title: 'Harbours',
      description: null,
      featured: true,
      published: false,
      assetIds: [A, B],
      coverAssetId: null,
    });
    expect(await screen.findByText(`Asset ${B} is not published.`)).toBeInTheDocument();
    expect(screen.getByLabelText('Asset ids')).toHaveAttribute('aria-invalid', 'true');
  });
});
