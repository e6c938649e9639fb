/**
 * The issue 7 contract (royalties) as the member's money pages use it, generated from api/openapi.json.
 */
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Money = S['Money'];
export type EarningsLine = S['EarningsLine'];
export type Earnings = S['Earnings'];
export type StatementSummary = S['StatementSummary'];
export type StatementList = S['StatementList'];
export type Statement = S['Statement'];

export type PayoutItem = S['PayoutItem'];
export type Payouts = S['MyPayouts'];
export type PatronageNotice = S['PatronageNotice'];
export type Patronage = S['MyPatronage'];
