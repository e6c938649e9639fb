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

/**
 * PROVISIONAL until lic-docs (verification and downloads) is merged: the shapes as the issue 6
 * brief states them.
 */
export type LicenseVerification = {
  code: string;
  status: string;
  asset: { id: string; title?: string | null; thumbnail?: RenditionLink | null; contributorName?: string | null };
  size: string;
  sizeLabel: string;
  width: number;
  height: number;
  extended: string[];
  editorialOnly: boolean;
  issuedAt: string;
  termsVersion: number;
  revokedAt?: string | null;
};

export type DownloadLink = { url: string; expiresAt: string; filename: string; width: number; height: number };
