import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { ApiError, unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export type MembershipApplication =
  paths['/api/v1/membership/applications/mine']['get']['responses'][200]['content']['application/json'];
export type ApplicationInput = { statement: string; links: string[]; sampleAssetIds: string[] };

export const myApplicationQueryKey = ['membership', 'application', 'mine'] as const;

/** `GET /api/v1/membership/applications/mine`: the latest application, or null when there is none (404). */
export async function getMyApplication(): Promise<MembershipApplication | null> {
  try {
    return await unwrap(api.GET('/api/v1/membership/applications/mine'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const useMyApplication = () =>
  useQuery(queryOptions({ queryKey: myApplicationQueryKey, queryFn: getMyApplication }));

/** `POST /api/v1/membership/applications`: 409 while one is pending, for contributors, or before the reapply date. */
export const applyForMembership = (input: ApplicationInput) =>
  unwrap(api.POST('/api/v1/membership/applications', { body: input }));

export function useApplyForMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['membership', 'apply'],
    mutationFn: applyForMembership,
    onSuccess: (application) => queryClient.setQueryData(myApplicationQueryKey, application),
  });
}
