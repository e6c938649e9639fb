import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { ordersKey } from './keys';
import type { Order } from './types';

/** `GET /api/v1/me/orders`: newest first. */
export const listOrders = async (): Promise<Order[]> => {
  const data: unknown = await unwrap(api.GET('/api/v1/me/orders'));
  // The contract leaves the envelope open ("newest first, keyset or simple limit"): accept both shapes.
  if (Array.isArray(data)) return data as Order[];
  return ((data as { items?: Order[] } | null)?.items ?? []) as Order[];
};

export const listOrdersQueryOptions = () => queryOptions({ queryKey: ordersKey, queryFn: listOrders });

export const useOrders = () => useQuery(listOrdersQueryOptions());
