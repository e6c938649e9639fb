import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { toApiError } from '@/api/problem';
import type { paths } from '@/api/schema';

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];

export const meQueryKey = ['me'] as const;

/**
 * The signed-in user, or null when signed out: the API answers 401 (no or revoked session) or 404
 * (the account is gone), neither of which is an error for the app.
 */
export async function getMe(): Promise<Me | null> {
  const { data, error, response } = await api.GET('/api/v1/me');
  if (response.status === 401 || response.status === 404) return null;
  if (!response.ok || !data) throw toApiError(error, response);
  return data;
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: 5 * 60_000,
  });

/** `data` is the user, `null` when signed out, `undefined` while the first check runs. */
export const useMe = () => useQuery(getMeQueryOptions());
