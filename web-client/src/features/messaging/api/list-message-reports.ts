import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { reportsKey } from './keys';

/** `GET /api/v1/admin/reports?status=open`: reported messages waiting for an admin's decision. */
export const listMessageReports = () => unwrap(api.GET('/api/v1/admin/reports', { params: { query: { status: 'open' } } }));

export const listMessageReportsQueryOptions = () => queryOptions({ queryKey: reportsKey, queryFn: listMessageReports });

export const useMessageReports = () => useQuery(listMessageReportsQueryOptions());
