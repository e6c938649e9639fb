import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetCheckoutAttempt, idempotencyKeyFor } from './idempotency';

const body = { items: [{ assetId: 'a', size: 'small', extended: [] }] };

afterEach(() => {
  forgetCheckoutAttempt();
  sessionStorage.clear();
});

describe('checkout idempotency key', () => {
  it('reuses the key for a retry of the same order, and keeps it in sessionStorage across reloads', () => {
    const uuid = vi.spyOn(crypto, 'randomUUID');
    const first = idempotencyKeyFor(body);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(idempotencyKeyFor(structuredClone(body))).toBe(first);
    expect(uuid).toHaveBeenCalledTimes(1);
    expect(sessionStorage.getItem('mediacoop.checkout-attempt.v1')).toContain(first);
  });

  it('makes a new key when the cart (the body) changed', () => {
    const first = idempotencyKeyFor(body);
    const second = idempotencyKeyFor({ items: [{ assetId: 'a', size: 'large', extended: [] }] });
    expect(second).not.toBe(first);
  });

  it('makes a new key once the attempt is over', () => {
    const first = idempotencyKeyFor(body);
    forgetCheckoutAttempt();
    expect(idempotencyKeyFor(body)).not.toBe(first);
  });
});
