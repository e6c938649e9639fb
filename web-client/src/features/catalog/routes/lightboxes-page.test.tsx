import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { LightboxesPage } from './lightboxes-page';

const summary = {
  id: 'lb1',
  name: 'Spring campaign',
  assetCount: 2,
  covers: [{ url: '/media/renditions/a.jpg', width: 480, height: 320 }],
  shared: false,
  shareToken: null as string | null,
  updatedAt: '2026-11-20T10:00:00Z',
  containsAsset: false,
};

describe('LightboxesPage', () => {
  it('deletes a lightbox only after the confirmation', async () => {
    let items = [summary];
    const api = mockApi({
      'GET /api/v1/lightboxes': () => json({ items }),
      'DELETE /api/v1/lightboxes/lb1': () => {
        items = [];
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderWithProviders(<LightboxesPage />);
    const card = (await screen.findByRole('heading', { name: 'Spring campaign' })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Delete “Spring campaign”' }));
    expect(api.last('DELETE /api/v1/lightboxes/lb1')).toBeUndefined();
    expect(within(card).getByText(/The photos stay in the catalogue/)).toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Delete lightbox' }));
    expect(await screen.findByText('Deleted “Spring campaign”.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Spring campaign' })).toBeNull());
  });

  it('shares a lightbox as a link under /l/, and can stop sharing', async () => {
    let token: string | null = null;
    const api = mockApi({
      'GET /api/v1/lightboxes': () => json({ items: [{ ...summary, shared: token !== null, shareToken: token }] }),
      'POST /api/v1/lightboxes/lb1/share': () => {
        token = 'tok_ABCdef123456789';
        return json({ token, url: `/l/${token}` });
      },
      'DELETE /api/v1/lightboxes/lb1/share': () => {
        token = null;
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderWithProviders(<LightboxesPage />);
    await user.click(await screen.findByRole('button', { name: 'Share “Spring campaign”' }));
    const link = await screen.findByRole('textbox', { name: 'Read-only link to “Spring campaign”' });
    expect(link).toHaveValue(`${window.location.origin}/l/tok_ABCdef123456789`);

    await user.click(screen.getByRole('button', { name: 'Stop sharing' }));
    expect(await screen.findByText('Sharing stopped: the old link no longer works.')).toBeInTheDocument();
    expect(api.last('DELETE /api/v1/lightboxes/lb1/share')).toBeDefined();
    expect(await screen.findByRole('button', { name: 'Share “Spring campaign”' })).toBeInTheDocument();
  });

  it('shows the server’s message when a name is refused', async () => {
    mockApi({
      'GET /api/v1/lightboxes': () => json({ items: [] }),
      'POST /api/v1/lightboxes': () =>
        new Response(JSON.stringify({ status: 400, title: 'One or more validation errors occurred.', errors: { Name: ['Give the lightbox a name of 1 to 80 characters.'] } }), {
          status: 400,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    const { user } = renderWithProviders(<LightboxesPage />);
    await user.type(await screen.findByRole('textbox', { name: 'New lightbox' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Create lightbox' }));
    expect(await screen.findByRole('textbox', { name: 'New lightbox' })).toHaveAccessibleDescription(/1 to 80 characters/);
  });
});
