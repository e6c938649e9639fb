import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { adminPayoutsKey } from './keys';
import type { AdminPayouts } from './types';

/** `GET /api/v1/admin/payouts` (admins): every payout with its run and any failure. */
export const listAdminPayouts = async (): Promise<AdminPayouts> => {
  const data = (await unwrap(untypedApi.GET('/api/v1/admin/payouts'))) as AdminPayouts | AdminPayouts['items'];
  return Array.isArray(data) ? { items: data } : { ...data, items: data.items ?? [] };
};

export const listAdminPayoutsQueryOptions = () => queryOptions({ queryKey: adminPayoutsKey, queryFn: listAdminPayouts });

export const useAdminPayouts = () => useQuery(listAdminPayoutsQueryOptions());
