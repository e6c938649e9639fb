import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { lightboxesKey } from './list-lightboxes';

/** `POST /api/v1/lightboxes/{id}/share`: the read-only link's token (the same one each time until revoked). */
export const shareLightbox = (id: string) => unwrap(api.POST('/api/v1/lightboxes/{id}/share', { params: { path: { id } } }));

export function useShareLightbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: shareLightbox,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: lightboxesKey }),
  });
}

/** Where a share token is shown: the storefront's read-only page, on this site. */
export const shareUrl = (token: string) => `${globalThis.location?.origin ?? ''}/l/${encodeURIComponent(token)}`;
