import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CartItemRequest, Order } from './types';

/**
 * `POST /api/v1/orders` with the attempt's Idempotency-Key: the same key and body return the same
 * order (so a retry never makes a second one). Prices are the server's; none are sent.
 */
export const createOrder = (body: { items: CartItemRequest[] }, idempotencyKey: string): Promise<Order> =>
  unwrap(api.POST('/api/v1/orders', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
