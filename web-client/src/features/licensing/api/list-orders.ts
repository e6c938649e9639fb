import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { ordersKey } from './keys';
import type { Order } from './types';

/** `GET /api/v1/me/orders`: newest first. */
export const listOrders = async (): Promise<Order[]> => (await unwrap(api.GET('/api/v1/me/orders'))).items;

export const listOrdersQueryOptions = () => queryOptions({ queryKey: ordersKey, queryFn: listOrders });

export const useOrders = () => useQuery(listOrdersQueryOptions());
