import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { statementsKey } from './keys';
import type { StatementSummary } from './types';

/** `GET /api/v1/me/statements`: one row per month with activity, newest first. */
export const listMyStatements = async (): Promise<StatementSummary[]> => (await unwrap(api.GET('/api/v1/me/statements'))).items;

export const listMyStatementsQueryOptions = () => queryOptions({ queryKey: statementsKey, queryFn: listMyStatements });

export const useMyStatements = () => useQuery(listMyStatementsQueryOptions());
