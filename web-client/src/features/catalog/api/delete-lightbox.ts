import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `DELETE /api/v1/lightboxes/{id}`: 204; the photos themselves are untouched. */
export const deleteLightbox = (id: string) => unwrap(api.DELETE('/api/v1/lightboxes/{id}', { params: { path: { id } } }));

export function useDeleteLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteLightbox,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}
