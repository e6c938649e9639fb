import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { booksKey } from './keys';
import type { Books } from './types';

/** `GET /api/v1/coop/books?year=` (members): the year by month — revenue, refunds, royalties, fees, payouts, costs, margin. */
export const getBooks = async (year: number): Promise<Books> =>
  (await unwrap(untypedApi.GET('/api/v1/coop/books', { params: { query: { year } } }))) as Books;

export const booksCsvUrl = (year: number) => `/api/v1/coop/books.csv?year=${year}`;

export const getBooksQueryOptions = (year: number) => queryOptions({ queryKey: booksKey(year), queryFn: () => getBooks(year) });

export const useBooks = (year: number) => useQuery(getBooksQueryOptions(year));
