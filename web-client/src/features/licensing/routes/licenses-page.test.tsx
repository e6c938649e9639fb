import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ASSET_ID, LICENSE_ID, cart, cartItem, licenseTypes, license } from '../testing/fixtures';
import { LicensesPage } from './licenses-page';

describe('LicensesPage', () => {
  it('lists licences with certificate links, the CSV export and a revoked one marked', async () => {
    mockApi({
      'GET /api/v1/license-types': () => json(licenseTypes),
      'GET /api/v1/me/licenses': () =>
        json({
          items: [
            license(),
            license({ id: 'revoked-1', status: 'revoked', revokedAt: '2026-11-28T09:00:00Z', revokedReason: 'Refunded', upgrades: [] }),
          ],
        }),
    });
    renderWithProviders(<LicensesPage />);
    const list = await screen.findByRole('list', { name: 'Your licences' });
    const [valid, revoked] = within(list).getAllByRole('listitem');
    expect(within(valid!).getByText('Valid')).toBeInTheDocument();
    expect(within(valid!).getByRole('link', { name: /^Certificate/ })).toHaveAttribute('href', `/api/v1/me/licenses/${LICENSE_ID}/certificate`);
    expect(within(valid!).getByRole('link', { name: /^Certificate/ })).toHaveAttribute('target', '_blank');
    expect(within(valid!).getByRole('link', { name: /^PDF/ })).toHaveAttribute('href', `/api/v1/me/licenses/${LICENSE_ID}/certificate.pdf`);
    expect(within(valid!).getByRole('link', { name: 'MC-7K2P-9XQ4-W3RT' })).toHaveAttribute('href', '/verify/MC-7K2P-9XQ4-W3RT');
    expect(within(revoked!).getByText('Revoked', { selector: '.badge' })).toBeInTheDocument();
    expect(within(revoked!).queryByRole('button', { name: /^Download/ })).toBeNull();
    expect(revoked).toHaveTextContent('Refunded');
    expect(screen.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', '/api/v1/me/licenses.csv');
  });

  it('asks for a fresh download link and starts the download', async () => {
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.href);
    });
    mockApi({
      'GET /api/v1/me/licenses': () => json({ items: [license()] }),
      [`POST /api/v1/me/licenses/${LICENSE_ID}/download`]: () =>
        json({ url: '/media/downloads/x?exp=1&sig=abc', expiresAt: '2026-11-27T10:10:00Z', filename: 'harbour.jpg', width: 2500, height: 1667 }),
    });
    const { user } = renderWithProviders(<LicensesPage />);
    await user.click(await screen.findByRole('button', { name: /^Download\s*“Harbour lights at dusk”/ }));
    await waitFor(() => expect(clicks).toEqual(['http://localhost:3000/media/downloads/x?exp=1&sig=abc']));
    expect(screen.getByRole('link', { name: 'download harbour.jpg' })).toHaveAttribute('href', '/media/downloads/x?exp=1&sig=abc');
  });

  it('adds an upgrade (the difference) to the cart', async () => {
    const api = mockApi({
      'GET /api/v1/license-types': () => json(licenseTypes),
      'GET /api/v1/me/licenses': () => json({ items: [license()] }),
      [`PUT /api/v1/me/cart/items/${ASSET_ID}`]: () => json(cartItem({ upgradeOf: LICENSE_ID })),
      'GET /api/v1/me/cart': () => json(cart([])),
    });
    const { user } = renderWithProviders(<LicensesPage />);
    await user.click(await screen.findByRole('button', { name: /^Upgrade\s*“Harbour lights at dusk”/ }));
    const options = screen.getByRole('group', { name: 'Upgrade “Harbour lights at dusk” to' });
    expect(options).toHaveTextContent('Large+ $50.00');
    await user.click(within(options).getByRole('radio', { name: /Multi-seat/ }));
    await user.click(screen.getByRole('button', { name: 'Add upgrade to cart' }));
    expect(await screen.findByText(/The upgrade is in your cart/)).toBeInTheDocument();
    expect(await api.last(`PUT /api/v1/me/cart/items/${ASSET_ID}`)!.json()).toEqual({
      size: 'medium',
      extended: ['multi-seat'],
      upgradeOf: LICENSE_ID,
    });
  });
});
