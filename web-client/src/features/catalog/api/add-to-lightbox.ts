import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `PUT /api/v1/lightboxes/{id}/assets/{assetId}`: 204, and adding twice is harmless. */
export const addToLightbox = ({ lightboxId, assetId }: { lightboxId: string; assetId: string }) =>
  unwrap(api.PUT('/api/v1/lightboxes/{id}/assets/{assetId}', { params: { path: { id: lightboxId, assetId } } }));

export function useAddToLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addToLightbox,
    onSettled: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}
