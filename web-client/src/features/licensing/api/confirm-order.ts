import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { Order } from './types';

/**
 * `POST /api/v1/orders/{id}/confirm`: asks the server to check with the payment provider whether the
 * order was paid (the buyer is back from Stripe). The browser's return is never proof of payment.
 */
export const confirmOrder = (id: string): Promise<Order> => unwrap(api.POST('/api/v1/orders/{id}/confirm', { params: { path: { id } } }));
