import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { orderKey } from './keys';
import type { Order } from './types';

/** `GET /api/v1/me/orders/{id}`: the receipt; 404 when it is not the signed-in buyer's. */
export const getOrder = (id: string): Promise<Order> => unwrap(api.GET('/api/v1/me/orders/{id}', { params: { path: { id } } }));

export const getOrderQueryOptions = (id: string) => queryOptions({ queryKey: orderKey(id), queryFn: () => getOrder(id) });

/** `poll` decides, from the order as last fetched, how soon to fetch it again (false: not at all). */
export const useOrder = (id: string, poll?: (order: Order | undefined) => number | false) =>
  useQuery({ ...getOrderQueryOptions(id), refetchInterval: poll ? (query) => poll(query.state.data) : false });
