import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `PATCH /api/v1/lightboxes/{id}`: 204; 400 for a bad name. */
export const renameLightbox = ({ id, name }: { id: string; name: string }) =>
  unwrap(api.PATCH('/api/v1/lightboxes/{id}', { params: { path: { id } }, body: { name } }));

export function useRenameLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameLightbox,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}
