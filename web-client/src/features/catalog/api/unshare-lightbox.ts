import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `DELETE /api/v1/lightboxes/{id}/share`: 204; the old link stops working. */
export const unshareLightbox = (id: string) => unwrap(api.DELETE('/api/v1/lightboxes/{id}/share', { params: { path: { id } } }));

export function useUnshareLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unshareLightbox,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}
