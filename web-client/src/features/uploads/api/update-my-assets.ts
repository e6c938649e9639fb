import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { myAssetsQueryKey } from '../lib/query-keys';

type UpdateMyAssets = paths['/api/v1/me/assets']['patch'];
export type UpdateMyAssetsInput = NonNullable<UpdateMyAssets['requestBody']>['content']['application/json'];

/** `PATCH /api/v1/me/assets`: the same change to many assets (add/remove keywords, editorial-only, releases). */
export const updateMyAssets = (body: UpdateMyAssetsInput) => unwrap(api.PATCH('/api/v1/me/assets', { body }));

export function useUpdateMyAssets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'update-assets'],
    mutationFn: updateMyAssets,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myAssetsQueryKey }),
  });
}
