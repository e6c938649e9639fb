import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { blocksKey } from './keys';

/** `GET /api/v1/me/blocks`: the people I have blocked. */
export const listBlocks = () => unwrap(api.GET('/api/v1/me/blocks'));

export const listBlocksQueryOptions = () => queryOptions({ queryKey: blocksKey, queryFn: listBlocks });

export const useBlocks = () => useQuery(listBlocksQueryOptions());
