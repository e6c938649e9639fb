/**
 * The issue 7 contract as the member's money pages use it: earnings and statements are generated from
 * api/openapi.json; payouts and patronage are written by hand from the brief (/work/briefs/royalties.md)
 * until their endpoints are in the contract.
 */
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Money = S['Money'];
export type EarningsLine = S['EarningsLine'];
export type Earnings = S['Earnings'];
export type StatementSummary = S['StatementSummary'];
export type StatementList = S['StatementList'];
export type Statement = S['Statement'];

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
