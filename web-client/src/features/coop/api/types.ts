/** The issue 7 contract (co-op books, payouts, patronage, expenses) as the co-op pages use it, generated from api/openapi.json. */
import type { components } from '@/api/schema';

type S = components['schemas'];
export type Money = S['Money'];
/** Books figures are minor units in the co-op's currency. */
export type Amount = number;
export type BooksMonth = S['BooksMonth'];
export type Books = S['CoopBooks'];
export type Expense = S['Expense'];
export type AdminPayout = S['AdminPayoutItem'];
export type AdminPayouts = S['AdminPayouts'];
export type PatronageAllocationLine = S['PatronageAllocationLine'];
export type PatronageAllocation = S['PatronageAllocation'];
export type PatronagePreview = S['PatronagePreview'];

export const amountOf = (value: Amount | null | undefined): number => value ?? 0;
