import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { statementsKey } from './keys';
import type { StatementSummary } from './types';

/** `GET /api/v1/me/statements`: one row per month with activity, newest first. */
export const listMyStatements = async (): Promise<StatementSummary[]> => {
  const data = (await unwrap(untypedApi.GET('/api/v1/me/statements'))) as StatementSummary[] | { items?: StatementSummary[] } | null;
  return Array.isArray(data) ? data : (data?.items ?? []);
};

export const listMyStatementsQueryOptions = () => queryOptions({ queryKey: statementsKey, queryFn: listMyStatements });

export const useMyStatements = () => useQuery(listMyStatementsQueryOptions());
