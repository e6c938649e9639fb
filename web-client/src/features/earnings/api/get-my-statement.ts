import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { statementsKey } from './keys';
import type { Statement } from './types';

/** `GET /api/v1/me/statements/{yyyy-mm}`: opening + sales − refunds − payouts = closing. */
export const getMyStatement = (month: string): Promise<Statement> =>
  unwrap(api.GET('/api/v1/me/statements/{month}', { params: { path: { month } } }));

/** The same statement as CSV; a plain link so the browser downloads it with the session cookie. */
export const statementCsvUrl = (month: string) => `/api/v1/me/statements/${encodeURIComponent(month)}.csv`;

export const getMyStatementQueryOptions = (month: string) =>
  queryOptions({ queryKey: [...statementsKey, month], queryFn: () => getMyStatement(month) });

export const useMyStatement = (month: string) => useQuery(getMyStatementQueryOptions(month));
