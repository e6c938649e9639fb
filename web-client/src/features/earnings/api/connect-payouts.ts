import { useMutation } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { untypedApi } from '@/api/provisional';

/** `POST /api/v1/me/payouts/connect`: a Stripe onboarding link for the member's Express account. */
export const connectPayouts = async (): Promise<{ url: string }> =>
  (await unwrap(untypedApi.POST('/api/v1/me/payouts/connect'))) as { url: string };

/** Leaves the SPA for Stripe's onboarding; Stripe sends the member back to /account/payouts. */
export const useConnectPayouts = (navigate: (url: string) => void = (url) => window.location.assign(url)) =>
  useMutation({ mutationFn: connectPayouts, onSuccess: ({ url }) => navigate(url) });
