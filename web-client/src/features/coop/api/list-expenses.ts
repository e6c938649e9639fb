import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { expensesKey } from './keys';
import type { Expense } from './types';

/** `GET /api/v1/coop/expenses?year=` (members): the operating costs behind the books, each with its receipt. */
export const listExpenses = async (year: number): Promise<Expense[]> => {
  const data = (await unwrap(untypedApi.GET('/api/v1/coop/expenses', { params: { query: { year } } }))) as
    | Expense[]
    | { items?: Expense[] }
    | null;
  return Array.isArray(data) ? data : (data?.items ?? []);
};

export const listExpensesQueryOptions = (year: number) =>
  queryOptions({ queryKey: expensesKey(year), queryFn: () => listExpenses(year) });

export const useExpenses = (year: number) => useQuery(listExpensesQueryOptions(year));
