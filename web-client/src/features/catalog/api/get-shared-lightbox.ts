import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type SharedLightbox = components['schemas']['SharedLightbox'];

/** `GET /api/v1/lightboxes/shared/{token}`: what a share link shows, signed in or not (404 once revoked). */
export const getSharedLightbox = (token: string) =>
  unwrap(api.GET('/api/v1/lightboxes/shared/{token}', { params: { path: { token } } }));

export const getSharedLightboxQueryOptions = (token: string) =>
  queryOptions({ queryKey: ['shared-lightbox', token], queryFn: () => getSharedLightbox(token) });

export const useSharedLightbox = (token: string) => useQuery(getSharedLightboxQueryOptions(token));
