import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components, paths } from '@/api/schema';
import { collectionsQueryKey } from '../lib/query-keys';

type ListCollections = paths['/api/v1/collections']['get'];
export type CollectionSummary = ListCollections['responses'][200]['content']['application/json']['items'][number];
export type SaveCollectionRequest = components['schemas']['SaveCollectionRequest'];

/** `GET /api/v1/collections`: the published collections. */
export const listCollections = () => unwrap(api.GET('/api/v1/collections'));

export const listCollectionsQueryOptions = () =>
  queryOptions({ queryKey: collectionsQueryKey, queryFn: listCollections, select: (data) => data.items });

export const useCollections = () => useQuery(listCollectionsQueryOptions());

/** `POST /api/v1/collections`: creates a collection; 400 validation problems name the fields. */
export const createCollection = (body: SaveCollectionRequest) => unwrap(api.POST('/api/v1/collections', { body }));

export function useCreateCollection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['review', 'create-collection'],
    mutationFn: createCollection,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: collectionsQueryKey }),
  });
}
