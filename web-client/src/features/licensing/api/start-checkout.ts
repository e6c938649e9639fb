import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { CheckoutStart } from './types';

/** `POST /api/v1/orders/{id}/checkout`: where to send the buyer to pay (Stripe, or the demo page). */
export const startCheckout = (id: string): Promise<CheckoutStart> =>
  unwrap(api.POST('/api/v1/orders/{id}/checkout', { params: { path: { id } } }));
