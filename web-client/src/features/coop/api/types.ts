/**
 * The issue 7 contract (docs: /work/briefs/royalties.md) as the co-op pages use it. Written by hand until
 * the royalties endpoints are in api/openapi.json; then these become aliases of the generated schemas.
 */
export type Money = { amount: number; currency: string };
/** The brief writes some figures as Money and leaves others open; both are accepted. */
export type Amount = Money | number;

export type BooksMonth = {
  month: string;
  revenue: Amount;
  refunds: Amount;
  royalties: Amount;
  fees: Amount;
  payouts: Amount;
  operatingCosts: Amount;
  margin: Amount;
};

export type Books = { currency: string; year?: number; months: BooksMonth[]; totals: Omit<BooksMonth, 'month'> & { month?: string } };

export type Expense = {
  id: string;
  category: string;
  amount: Money;
  occurredOn: string;
  description: string;
  receiptUrl?: string | null;
};

export type AdminPayout = {
  id: string;
  userId?: string;
  displayName?: string | null;
  email?: string | null;
  amount: Money;
  status: string;
  createdAt: string;
  failureReason?: string | null;
  attempts: number;
  runId?: string | null;
};

export type AdminPayouts = {
  runs?: { id: string; startedAt: string; finishedAt?: string | null; paid?: number; failed?: number; total?: Money }[];
  items: AdminPayout[];
  nextRunAt?: string | null;
};

export type PatronageAllocationLine = {
  userId: string;
  displayName?: string | null;
  class: string;
  basis?: string | null;
  total: Money;
  cash: Money;
  retained: Money;
};

export type PatronageAllocation = {
  year: number;
  pool: Money;
  decidedBy?: string | null;
  recordedAt?: string | null;
  lines: PatronageAllocationLine[];
};

export const amountOf = (value: Amount | null | undefined): number =>
  value == null ? 0 : typeof value === 'number' ? value : value.amount;
