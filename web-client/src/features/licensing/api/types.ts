import type { components } from '@/api/schema';

/** The licensing contract's shapes, as generated from api/openapi.json. */
type S = components['schemas'];
export type Money = S['Money'];
export type RenditionLink = S['RenditionLink'];
export type CartItem = S['CartItem'];
export type CartProblem = S['CartProblem'];
export type Cart = S['Cart'];
export type OrderLine = S['OrderLine'];
export type Order = S['Order'];
export type LicenseUpgrade = S['LicenseUpgrade'];
export type License = S['License'];
export type CheckoutStart = S['CheckoutRedirect'];
export type CartItemRequest = S['OrderItemRequest'] & { extended: string[] };

export type LicenseVerification = S['LicenseVerification'];
export type DownloadLink = S['LicenseDownloadLink'];
