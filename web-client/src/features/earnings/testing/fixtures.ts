import type { Earnings, EarningsLine, Statement } from '../api/types';

const usd = (amount: number) => ({ amount, currency: 'USD' });

export function makeLine(overrides: Partial<EarningsLine> = {}): EarningsLine {
  return {
    journalId: '01930000-0000-7000-8000-000000000001',
    occurredAt: '2026-11-20T10:00:00Z',
    assetId: '01930000-0000-7000-8000-0000000000a1',
    assetTitle: 'Harbour lights at dusk',
    licence: { size: 'medium', sizeLabel: 'Medium', extended: [] },
    gross: usd(3000),
    rateBp: 5000,
    shareBp: 10000,
    royalty: usd(1500),
    kind: 'sale',
    ...overrides,
  };
}

export function makeEarnings(overrides: Partial<Earnings> = {}): Earnings {
  return {
    currency: 'USD',
    balance: { available: usd(4200), pending: usd(1500), receivable: usd(0), paidOut: usd(10000), lifetime: usd(15700) },
    lines: [
      makeLine(),
      makeLine({
        journalId: '01930000-0000-7000-8000-000000000002',
        occurredAt: '2026-10-03T09:00:00Z',
        assetTitle: 'Meadow path at golden hour',
        assetId: '01930000-0000-7000-8000-0000000000a2',
        gross: usd(-3000),
        royalty: usd(-1500),
        kind: 'refund',
      }),
    ],
    nextBefore: null,
    byMonth: [
      { month: '2026-10', royalty: usd(3000), refunds: usd(-1500), net: usd(1500) },
      { month: '2026-11', royalty: usd(1500), refunds: usd(0), net: usd(1500) },
    ],
    byAsset: [
      { assetId: '01930000-0000-7000-8000-0000000000a1', title: 'Harbour lights at dusk', royalty: usd(3000), sales: 2 },
      { assetId: '01930000-0000-7000-8000-0000000000a2', title: 'Meadow path at golden hour', royalty: usd(0), sales: 1 },
    ],
    ...overrides,
  };
}

export function makeStatement(overrides: Partial<Statement> = {}): Statement {
  return {
    month: '2026-11',
    currency: 'USD',
    opening: usd(2000),
    sales: [makeLine()],
    salesTotal: usd(1500),
    refundLines: [],
    refunds: usd(0),
    payouts: usd(-2000),
    adjustments: usd(0),
    closing: usd(1500),
    ...overrides,
  };
}
