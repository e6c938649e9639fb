import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';
import { payoutsKey } from './keys';
import type { Payouts } from './types';

/** `GET /api/v1/me/payouts`: the Stripe account's state, the hold, the threshold, the next run and the history. */
export const getMyPayouts = async (): Promise<Payouts> => (await unwrap(untypedApi.GET('/api/v1/me/payouts'))) as Payouts;

export const getMyPayoutsQueryOptions = () => queryOptions({ queryKey: payoutsKey, queryFn: getMyPayouts });

export const useMyPayouts = () => useQuery(getMyPayoutsQueryOptions());
