/** Query keys of the licensing feature; the cart and orders are per user, dropped at sign-out with the rest. */
export const cartKey = ['licensing', 'cart'] as const;
export const ordersKey = ['licensing', 'orders'] as const;
export const orderKey = (id: string) => ['licensing', 'orders', id] as const;
export const licensesKey = ['licensing', 'licenses'] as const;
export const verifyKey = (code: string) => ['licensing', 'verify', code] as const;
