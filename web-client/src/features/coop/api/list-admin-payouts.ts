import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { adminPayoutsKey } from './keys';
import type { AdminPayouts } from './types';

/** `GET /api/v1/admin/payouts` (admins): every payout with its run and any failure. */
export const listAdminPayouts = (): Promise<AdminPayouts> => unwrap(api.GET('/api/v1/admin/payouts'));

export const listAdminPayoutsQueryOptions = () => queryOptions({ queryKey: adminPayoutsKey, queryFn: listAdminPayouts });

export const useAdminPayouts = () => useQuery(listAdminPayoutsQueryOptions());
