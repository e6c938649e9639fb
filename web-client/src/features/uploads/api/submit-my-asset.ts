import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { myAssetsQueryKey } from '../lib/query-keys';
import { myAssetQueryKey } from './get-my-asset';

/**
 * `POST /api/v1/me/assets/{id}/submit`: sends a ready draft to the review queue (200 with the asset,
 * now in review); 409 with `missing` (what still has to be done) when it is incomplete.
 */
export const submitMyAsset = (id: string) =>
  unwrap(api.POST('/api/v1/me/assets/{id}/submit', { params: { path: { id } } }));

export function useSubmitMyAsset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'submit-asset'],
    mutationFn: submitMyAsset,
    onSuccess: (asset) => {
      queryClient.setQueryData(myAssetQueryKey(asset.id), asset);
      void queryClient.invalidateQueries({ queryKey: [...myAssetsQueryKey, 'list'] });
    },
  });
}
