import { useMutation } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';

/** `POST /api/v1/me/payouts/connect`: a Stripe onboarding link for the member's Express account. */
export const connectPayouts = () => unwrap(api.POST('/api/v1/me/payouts/connect'));

/** Leaves the SPA for Stripe's onboarding; Stripe sends the member back to /account/payouts. */
export const useConnectPayouts = (navigate: (url: string) => void = (url) => window.location.assign(url)) =>
  useMutation({ mutationFn: connectPayouts, onSuccess: ({ url }) => navigate(url) });
