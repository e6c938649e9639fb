import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { booksKey } from './keys';
import type { Books } from './types';

/** `GET /api/v1/coop/books?year=` (members): the year by month — revenue, refunds, royalties, fees, payouts, costs, margin. */
export const getBooks = (year: number): Promise<Books> => unwrap(api.GET('/api/v1/coop/books', { params: { query: { year } } }));

export const booksCsvUrl = (year: number) => `/api/v1/coop/books.csv?year=${year}`;

export const getBooksQueryOptions = (year: number) => queryOptions({ queryKey: booksKey(year), queryFn: () => getBooks(year) });

export const useBooks = (year: number) => useQuery(getBooksQueryOptions(year));
