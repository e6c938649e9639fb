import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { expensesKey } from './keys';
import type { Expense } from './types';

/** `GET /api/v1/coop/expenses?year=` (members): the operating costs behind the books, each with its receipt. */
export const listExpenses = async (year: number): Promise<Expense[]> =>
  (await unwrap(api.GET('/api/v1/coop/expenses', { params: { query: { year } } }))).items;

export const listExpensesQueryOptions = (year: number) =>
  queryOptions({ queryKey: expensesKey(year), queryFn: () => listExpenses(year) });

export const useExpenses = (year: number) => useQuery(listExpensesQueryOptions(year));
