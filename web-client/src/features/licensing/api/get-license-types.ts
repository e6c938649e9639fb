import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** `GET /api/v1/license-types`: sizes, Extended add-ons and the terms in force (public, cacheable). */
export const getLicenseTypes = () => unwrap(api.GET('/api/v1/license-types'));

export const getLicenseTypesQueryOptions = () =>
  queryOptions({ queryKey: ['licensing', 'license-types'], queryFn: getLicenseTypes, staleTime: 60 * 60_000 });

export const useLicenseTypes = () => useQuery(getLicenseTypesQueryOptions());

/** The add-on labels by code, for pages that get only codes (cart, receipts, licences). */
export function useExtendedLabels(): (code: string) => string {
  const types = useLicenseTypes();
  const labels = new Map((types.data?.extended ?? []).map((e: { code: string; label: string }) => [e.code, e.label]));
  return (code) => labels.get(code) ?? humanize(code);
}

function humanize(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
