import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';
import { lightboxesKey } from './list-lightboxes';

export type LightboxDetail = components['schemas']['LightboxDetail'];
export type LightboxItem = components['schemas']['LightboxItem'];

/** `GET /api/v1/lightboxes/{id}`: the owner's view with its photos, newest added first (404 if not theirs). */
export const getLightbox = (id: string) => unwrap(api.GET('/api/v1/lightboxes/{id}', { params: { path: { id } } }));

export const getLightboxQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...lightboxesKey, 'detail', id], queryFn: () => getLightbox(id) });

export const useLightbox = (id: string) => useQuery(getLightboxQueryOptions(id));
