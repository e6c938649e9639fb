import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Cart, CartItemRequest } from './types';

/**
 * `POST /api/v1/me/cart/merge`: the guest cart joins the account's cart at sign-in. The guest's
 * choice wins for the same photo; items the server cannot take are skipped and listed in `problems`.
 */
export const mergeCart = (body: { items: CartItemRequest[] }): Promise<Cart> => unwrap(api.POST('/api/v1/me/cart/merge', { body }));
