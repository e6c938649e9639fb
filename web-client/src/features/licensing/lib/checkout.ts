import { createOrder } from '../api/create-order';
import { startCheckout } from '../api/start-checkout';
import type { CartItem, CheckoutStart, Order } from '../api/types';
import { forgetCheckoutAttempt, idempotencyKeyFor } from './idempotency';

/** The order body for the cart's items: choices only, never prices (the server fixes them). */
export function orderBody(items: Pick<CartItem, 'assetId' | 'size' | 'extended' | 'upgradeOf'>[]) {
  return {
    items: items.map(({ assetId, size, extended, upgradeOf }) => ({
      assetId,
      size,
      extended: [...extended],
      ...(upgradeOf ? { upgradeOf } : {}),
    })),
  };
}

/**
 * Creates the order (under this attempt's Idempotency-Key, so a retry gets the same order) and asks
 * the payment provider where to send the buyer.
 */
export async function checkout(items: CartItem[]): Promise<{ order: Order; start: CheckoutStart }> {
  const body = orderBody(items);
  const order = await createOrder(body, idempotencyKeyFor(body));
  const start = await startCheckout(order.id);
  forgetCheckoutAttempt();
  return { order, start };
}
