/**
 * PROVISIONAL: the licensing contract (issue 6) as the brief states it, until the backend branches
 * land and these become aliases of the generated `components['schemas'][...]`.
 */
export type Money = { amount: number; currency: string };
export type RenditionLink = { url: string; width: number; height: number };

export type CartItem = {
  assetId: string;
  title?: string | null;
  thumbnail?: RenditionLink | null;
  contributorName?: string | null;
  size: string;
  sizeLabel: string;
  width: number;
  height: number;
  extended: string[];
  upgradeOf?: string | null;
  price: Money;
  available: boolean;
  unavailableReason?: string | null;
};

export type Cart = { items: CartItem[]; total: Money; problems?: unknown[] | null };

export type OrderLine = {
  id: string;
  assetId: string;
  title?: string | null;
  thumbnail?: RenditionLink | null;
  size: string;
  sizeLabel: string;
  width: number;
  height: number;
  extended: string[];
  editorialOnly: boolean;
  upgradeOf?: string | null;
  amount: Money;
  refunded: Money;
  licenseId?: string | null;
};

export type Order = {
  id: string;
  status: string;
  currency: string;
  total: Money;
  createdAt: string;
  expiresAt: string;
  paidAt?: string | null;
  provider?: string | null;
  lines: OrderLine[];
  amountRefunded: Money;
};

export type LicenseUpgrade = { size: string; sizeLabel: string; extended: string[]; price: Money };

export type License = {
  id: string;
  orderId: string;
  asset: { id: string; title?: string | null; thumbnail?: RenditionLink | null };
  size: string;
  sizeLabel: string;
  width: number;
  height: number;
  extended: string[];
  editorialOnly: boolean;
  termsVersion: number;
  verificationCode: string;
  issuedAt: string;
  status: string;
  revokedAt?: string | null;
  revokedReason?: string | null;
  supersededBy?: string | null;
  upgrades: LicenseUpgrade[];
};

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
export type CheckoutStart = { provider: string; redirectUrl: string };
export type CartItemRequest = { assetId: string; size: string; extended: string[]; upgradeOf?: string | null };
