/**
 * The issue 7 contract (docs: /work/briefs/royalties.md) as the member's money pages use it.
 * Written by hand until the royalties endpoints are in api/openapi.json; then these become aliases of
 * the generated schemas.
 */
export type Money = { amount: number; currency: string };

export type EarningsLine = {
  journalId: string;
  occurredAt: string;
  assetId: string;
  assetTitle: string;
  licence: string;
  gross: Money;
  rateBp: number;
  shareBp: number;
  royalty: Money;
  kind: 'sale' | 'refund' | string;
};

export type Earnings = {
  currency: string;
  balance: { available: Money; pending: Money; receivable: Money; paidOut: Money; lifetime: Money; availableOn?: string | null };
  lines: EarningsLine[];
  nextBefore?: string | null;
  byMonth: { month: string; royalty: Money; refunds: Money; net: Money }[];
  byAsset: { assetId: string; title: string; royalty: Money; sales: number }[];
};

export type StatementSummary = { month: string; opening: Money; sales: Money; refunds: Money; payouts: Money; closing: Money };

export type Statement = {
  month: string;
  opening: Money;
  sales: EarningsLine[];
  refunds: EarningsLine[] | Money;
  payouts: { id?: string; occurredAt: string; amount: Money; status?: string }[] | Money;
  closing: Money;
};

export type PayoutItem = {
  id: string;
  amount: Money;
  status: 'pending' | 'sent' | 'paid' | 'failed' | string;
  createdAt: string;
  failureReason?: string | null;
  attempts: number;
};

export type Payouts = {
  account: { status: 'none' | 'onboarding' | 'enabled' | string; holdPayouts: boolean };
  threshold: Money;
  nextRunAt: string | null;
  items: PayoutItem[];
};

export type PatronageNotice = { year: number; total: Money; cash: Money; retained: Money; class: string; basis: string };

export type Patronage = { year: number; estimate: Money; notices: PatronageNotice[] };
