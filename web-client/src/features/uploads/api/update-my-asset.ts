import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { myAssetsQueryKey } from '../lib/query-keys';
import { myAssetQueryKey } from './get-my-asset';

type UpdateMyAsset = paths['/api/v1/me/assets/{id}']['patch'];
export type UpdateMyAssetInput = NonNullable<UpdateMyAsset['requestBody']>['content']['application/json'];

/** `PATCH /api/v1/me/assets/{id}`: changes only the members sent; 200 with the asset; 400 field errors. */
export const updateMyAsset = ({ id, body }: { id: string; body: UpdateMyAssetInput }) =>
  unwrap(api.PATCH('/api/v1/me/assets/{id}', { params: { path: { id } }, body }));

export function useUpdateMyAsset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'update-asset'],
    mutationFn: updateMyAsset,
    onSuccess: (asset) => {
      queryClient.setQueryData(myAssetQueryKey(asset.id), asset);
      void queryClient.invalidateQueries({ queryKey: [...myAssetsQueryKey, 'list'] });
    },
  });
}
