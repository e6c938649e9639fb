import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type CollectionSummary = components['schemas']['CollectionSummary'];

/** `GET /api/v1/collections?featured=true`: the editors' featured collections for the home page. */
export const listFeaturedCollections = () =>
  unwrap(api.GET('/api/v1/collections', { params: { query: { featured: true } } }));

export const listFeaturedCollectionsQueryOptions = () =>
  queryOptions({ queryKey: ['home', 'featured-collections'], queryFn: listFeaturedCollections, staleTime: 5 * 60_000 });

export const useFeaturedCollections = () => useQuery(listFeaturedCollectionsQueryOptions());
