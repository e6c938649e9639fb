import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `DELETE /api/v1/lightboxes/{id}/assets/{assetId}`: 204. */
export const removeFromLightbox = ({ lightboxId, assetId }: { lightboxId: string; assetId: string }) =>
  unwrap(api.DELETE('/api/v1/lightboxes/{id}/assets/{assetId}', { params: { path: { id: lightboxId, assetId } } }));

export function useRemoveFromLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeFromLightbox,
    onSettled: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}
