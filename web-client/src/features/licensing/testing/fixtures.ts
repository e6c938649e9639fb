import type { PickerAsset } from '../components/license-picker';
import type { Cart, CartItem, License, Order } from '../api/types';

export const usd = (amount: number) => ({ amount, currency: 'USD' });
export const ASSET_ID = '0192f0c1-0000-7000-8000-0000000000aa';
export const ORDER_ID = '0192f0c1-0000-7000-8000-0000000000bb';
export const LICENSE_ID = '0192f0c1-0000-7000-8000-0000000000cc';

export const me = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  email: 'bea@example.test',
  displayName: 'Bea Buyer',
  roles: ['buyer'],
  membership: null,
  createdAt: '2026-01-02T03:04:05Z',
};

export const licenseTypes = {
  currency: 'USD',
  sizes: [],
  extended: [
    { code: 'unlimited-print', label: 'Unlimited print runs', price: usd(30000), quoteOnly: false, description: '' },
    { code: 'products-for-resale', label: 'Products for resale', price: usd(50000), quoteOnly: false, description: '' },
    { code: 'multi-seat', label: 'Multi-seat (shared by a team)', price: usd(25000), quoteOnly: false, description: '' },
    { code: 'market-freeze', label: 'Market freeze (exclusivity)', price: null, quoteOnly: true, description: '' },
  ],
  terms: { version: 1, title: 'Terms', body: '…' },
};

export function pickerAsset(overrides: Partial<PickerAsset> = {}): PickerAsset {
  return {
    id: ASSET_ID,
    title: 'Harbour lights at dusk',
    thumbnail: { url: '/media/renditions/t.jpg', width: 480, height: 320 },
    editorialOnly: false,
    sizes: [
      { code: 'small', label: 'Small', width: 1000, height: 667, price: usd(1500) },
      { code: 'medium', label: 'Medium', width: 2500, height: 1667, price: usd(5000) },
      { code: 'large', label: 'Large', width: 4000, height: 2667, price: usd(10000) },
      { code: 'original', label: 'Original', width: 6000, height: 4000, price: usd(15000) },
    ],
    extended: licenseTypes.extended.map(({ code, label, price, quoteOnly }) => ({ code, label, price, quoteOnly })),
    ...overrides,
  };
}

export function cartItem(overrides: Partial<CartItem> = {}): CartItem {
  return {
    assetId: ASSET_ID,
    title: 'Harbour lights at dusk',
    thumbnail: { url: '/media/renditions/t.jpg', width: 480, height: 320 },
    contributorName: 'Ana Okafor',
    size: 'medium',
    sizeLabel: 'Medium',
    width: 2500,
    height: 1667,
    extended: ['multi-seat'],
    upgradeOf: null,
    price: usd(30000),
    available: true,
    unavailableReason: null,
    ...overrides,
  };
}

export function cart(items: CartItem[]): Cart {
  return { items, total: usd(items.reduce((s, i) => s + i.price.amount, 0)), problems: [] };
}

export function order(overrides: Partial<Order> = {}): Order {
  return {
    id: ORDER_ID,
    status: 'pending',
    currency: 'USD',
    total: usd(30000),
    createdAt: '2026-11-27T10:00:00Z',
    expiresAt: '2026-11-27T11:00:00Z',
    paidAt: null,
    provider: 'demo',
    lines: [
      {
        id: '0192f0c1-0000-7000-8000-0000000000d1',
        assetId: ASSET_ID,
        title: 'Harbour lights at dusk',
        thumbnail: null,
        size: 'medium',
        sizeLabel: 'Medium',
        width: 2500,
        height: 1667,
        extended: ['multi-seat'],
        editorialOnly: false,
        upgradeOf: null,
        amount: usd(30000),
        refunded: usd(0),
        licenseId: null,
      },
    ],
    amountRefunded: usd(0),
    ...overrides,
  };
}

export function license(overrides: Partial<License> = {}): License {
  return {
    id: LICENSE_ID,
    orderId: ORDER_ID,
    asset: { id: ASSET_ID, title: 'Harbour lights at dusk', thumbnail: { url: '/media/renditions/t.jpg', width: 480, height: 320 } },
    size: 'medium',
    sizeLabel: 'Medium',
    width: 2500,
    height: 1667,
    extended: [],
    editorialOnly: false,
    termsVersion: 1,
    verificationCode: 'MC-7K2P-9XQ4-W3RT',
    issuedAt: '2026-11-27T10:05:00Z',
    status: 'valid',
    revokedAt: null,
    revokedReason: null,
    supersededBy: null,
    upgrades: [
      { size: 'large', sizeLabel: 'Large', extended: [], price: usd(5000) },
      { size: 'medium', sizeLabel: 'Medium', extended: ['multi-seat'], price: usd(25000) },
    ],
    ...overrides,
  };
}
