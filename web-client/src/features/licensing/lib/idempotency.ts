/**
 * One Idempotency-Key per checkout attempt. It is kept in sessionStorage with the order body it was
 * made for, so a retry after a network error, a double click or a reload sends the same key and gets
 * the same order back; a different cart (a different body) gets a new key, since the server refuses a
 * reused key with another body (422). The key is forgotten once the buyer is sent to pay.
 */
const KEY = 'mediacoop.checkout-attempt.v1';

type Attempt = { key: string; body: string };

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function newKey(): string {
  return globalThis.crypto.randomUUID();
}

let memory: Attempt | null = null;

export function idempotencyKeyFor(body: unknown): string {
  const text = JSON.stringify(body);
  const store = storage();
  let current: Attempt | null = memory;
  const raw = store?.getItem(KEY);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<Attempt>;
      if (typeof parsed.key === 'string' && typeof parsed.body === 'string') current = { key: parsed.key, body: parsed.body };
    } catch {
      current = null;
    }
  }
  if (current && current.body === text) return current.key;
  const attempt = { key: newKey(), body: text };
  memory = attempt;
  store?.setItem(KEY, JSON.stringify(attempt));
  return attempt.key;
}

export function forgetCheckoutAttempt() {
  memory = null;
  storage()?.removeItem(KEY);
}
