import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export type ApiKeyList = paths['/api/v1/me/api-keys']['get']['responses'][200]['content']['application/json'];
export type ApiKeySummary = ApiKeyList['keys'][number];

export const myApiKeysKey = ['account', 'api-keys'] as const;

/** `GET /api/v1/me/api-keys`: the signed-in member's active keys (prefix only, never the key). */
export const listMyApiKeys = () => unwrap(api.GET('/api/v1/me/api-keys'));

export const listMyApiKeysQueryOptions = () => queryOptions({ queryKey: myApiKeysKey, queryFn: listMyApiKeys });

export const useMyApiKeys = () => useQuery(listMyApiKeysQueryOptions());
