import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `POST /api/v1/lightboxes`: 201 with the new lightbox; 400 for a bad name; 409 at the per-user limit. */
export const createLightbox = (name: string) => unwrap(api.POST('/api/v1/lightboxes', { body: { name } }));

export function useCreateLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createLightbox,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}
