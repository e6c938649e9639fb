import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { readGuestCart } from '../lib/guest-cart';
import { ASSET_ID, cart, cartItem, me, pickerAsset } from '../testing/fixtures';
import { LicensePicker } from './license-picker';

afterEach(() => localStorage.clear());

/** The button waits for the session check (guest or account cart?) before it can be used. */
async function addButton(name = 'Add to cart') {
  const button = await screen.findByRole('button', { name });
  await waitFor(() => expect(button).toBeEnabled());
  return button;
}

describe('LicensePicker', () => {
  it('shows sizes with pixels and prices, totals add-ons, and offers a quote for market freeze', async () => {
    mockApi();
    const { user } = renderWithProviders(<LicensePicker asset={pickerAsset()} />);
    const small = screen.getByRole('radio', { name: /Small/ });
    expect(small).toBeChecked();
    expect(small.closest('label')).toHaveTextContent('Small 1,000 × 667 px$15.00');
    expect(screen.getByText('Total').parentElement).toHaveTextContent('Total $15.00');

    await user.click(screen.getByRole('radio', { name: /Original/ }));
    await user.click(screen.getByRole('checkbox', { name: /Unlimited print runs/ }));
    expect(screen.getByText('Total').parentElement).toHaveTextContent('Total $450.00');

    expect(screen.queryByRole('checkbox', { name: /Market freeze/ })).toBeNull();
    const quote = screen.getByRole('link', { name: /Request a quote\s*for market freeze/ });
    expect(quote.getAttribute('href')).toMatch(/^mailto:licensing@mediacoop\.coop\?subject=Market%20freeze%20quote/);
    expect(decodeURIComponent(quote.getAttribute('href')!)).toContain(ASSET_ID);
    expect(await addButton()).toBeEnabled();
  });

  it('offers editorial-only photos without add-ons', () => {
    mockApi();
    renderWithProviders(<LicensePicker asset={pickerAsset({ editorialOnly: true })} />);
    expect(screen.getByText('Editorial use only')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Editorial licence: size' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Extended rights (optional)' })).toBeNull();
    expect(screen.queryByText('Request a quote')).toBeNull();
  });

  it('pre-selects the size and add-ons the guide recommends', async () => {
    mockApi();
    const { user } = renderWithProviders(<LicensePicker asset={pickerAsset()} />);
    await user.click(screen.getByText(/What are you making\?/));
    await user.click(screen.getByRole('radio', { name: /Both on screens and in print/ }));
    await user.click(screen.getByRole('radio', { name: 'More than 500,000' }));
    await user.click(screen.getByRole('checkbox', { name: /Several people in a team/ }));
    await user.click(screen.getByRole('button', { name: 'Recommend a licence' }));

    const advice = screen.getByRole('status');
    expect(advice).toHaveTextContent('We recommend Large with Unlimited print runs and Multi-seat (shared by a team)');
    expect(screen.getByRole('radio', { name: /^Large/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Unlimited print runs/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Multi-seat/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Products for resale/ })).not.toBeChecked();
    expect(screen.getByText('Total').parentElement).toHaveTextContent('Total $650.00');
  });

  it('puts a signed-out visitor’s choice in the guest cart, replacing an earlier one', async () => {
    mockApi();
    const { user } = renderWithProviders(<LicensePicker asset={pickerAsset()} />);
    await user.click(await addButton());
    expect(await screen.findByText(/Added to your cart/)).toBeInTheDocument();
    expect(readGuestCart()).toMatchObject([{ assetId: ASSET_ID, size: 'small', extended: [], price: { amount: 1500 } }]);

    await user.click(screen.getByRole('radio', { name: /Medium/ }));
    await user.click(screen.getByRole('checkbox', { name: /Multi-seat/ }));
    await user.click(screen.getByRole('button', { name: 'Update cart' }));
    expect(readGuestCart()).toMatchObject([
      { assetId: ASSET_ID, size: 'medium', extended: ['multi-seat'], sizeLabel: 'Medium', price: { amount: 30000, currency: 'USD' } },
    ]);
  });

  it('puts a signed-in buyer’s choice in their account cart', async () => {
    let items = [] as ReturnType<typeof cartItem>[];
    const api = mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () => json(cart(items)),
      [`PUT /api/v1/me/cart/items/${ASSET_ID}`]: async (request) => {
        const body = (await request.json()) as { size: string; extended: string[] };
        items = [cartItem({ size: body.size, extended: body.extended })];
        return json(items[0]);
      },
    });
    const { user } = renderWithProviders(<LicensePicker asset={pickerAsset()} />);
    await user.click(screen.getByRole('checkbox', { name: /Products for resale/ }));
    await user.click(await addButton());
    expect(await screen.findByText(/Added to your cart/)).toBeInTheDocument();
    const put = api.last(`PUT /api/v1/me/cart/items/${ASSET_ID}`)!;
    expect(await put.json()).toEqual({ size: 'small', extended: ['products-for-resale'] });
    expect(put.headers.get('X-XSRF-TOKEN')).toBe('test-token');
    expect(readGuestCart()).toEqual([]);
  });

  it('shows why the server refused the item', async () => {
    mockApi({
      'GET /api/v1/me': () => json(me),
      'GET /api/v1/me/cart': () => json(cart([])),
      [`PUT /api/v1/me/cart/items/${ASSET_ID}`]: () =>
        problem(409, { title: 'Not available', detail: 'This photo is under a market freeze until 1 March.' }),
    });
    const { user } = renderWithProviders(<LicensePicker asset={pickerAsset()} />);
    await user.click(await addButton());
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('This photo is under a market freeze until 1 March.')).toBeInTheDocument();
  });
});
