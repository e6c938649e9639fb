import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type CatalogAssetDetail = components['schemas']['CatalogAssetDetail'];
export type LicenseSizeOption = components['schemas']['LicenseSizeOption'];
export type ExtendedLicenseOption = components['schemas']['ExtendedLicenseOption'];

/** `GET /api/v1/assets/{id}`: a published photo with its licence sizes and prices; 404 otherwise. */
export const getCatalogAsset = (id: string) => unwrap(api.GET('/api/v1/assets/{id}', { params: { path: { id } } }));

export const getCatalogAssetQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['catalog', 'asset', id], queryFn: () => getCatalogAsset(id), staleTime: 60_000 });

export const useCatalogAsset = (id: string) => useQuery(getCatalogAssetQueryOptions(id));
