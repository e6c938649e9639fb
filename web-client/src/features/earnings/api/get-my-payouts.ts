import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { payoutsKey } from './keys';
import type { Payouts } from './types';

/** `GET /api/v1/me/payouts`: the Stripe account's state, the hold, the threshold, the next run and the history. */
export const getMyPayouts = (): Promise<Payouts> => unwrap(api.GET('/api/v1/me/payouts'));

export const getMyPayoutsQueryOptions = () => queryOptions({ queryKey: payoutsKey, queryFn: getMyPayouts });

export const useMyPayouts = () => useQuery(getMyPayoutsQueryOptions());
