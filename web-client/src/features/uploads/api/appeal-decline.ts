import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { myAssetsQueryKey } from '../lib/query-keys';
import { myAssetQueryKey } from './get-my-asset';

/**
 * `POST /api/v1/me/assets/{id}/appeal`: asks a different editor to look again at a declined photo.
 * Once per photo, within 30 days of the decline; 409 otherwise.
 */
export const appealDecline = ({ id, note }: { id: string; note: string }) =>
  unwrap(api.POST('/api/v1/me/assets/{id}/appeal', { params: { path: { id } }, body: { note } }));

export function useAppealDecline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['uploads', 'appeal'],
    mutationFn: appealDecline,
    onSuccess: (asset) => {
      queryClient.setQueryData(myAssetQueryKey(asset.id), asset);
      void queryClient.invalidateQueries({ queryKey: [...myAssetsQueryKey, 'list'] });
    },
  });
}
