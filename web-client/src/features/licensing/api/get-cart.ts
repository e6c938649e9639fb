import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { cartKey } from './keys';
import type { Cart } from './types';

/** `GET /api/v1/me/cart`: the signed-in buyer's cart, priced now. */
export const getCart = (): Promise<Cart> => unwrap(api.GET('/api/v1/me/cart'));

export const getCartQueryOptions = () => queryOptions({ queryKey: cartKey, queryFn: getCart, staleTime: 30_000 });

export const useCart = (enabled = true) => useQuery({ ...getCartQueryOptions(), enabled });
