import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export type MyProfile = paths['/api/v1/me/profile']['get']['responses'][200]['content']['application/json'];

export const myProfileKey = ['account', 'profile'] as const;

/** `GET /api/v1/me/profile`: the public face of the signed-in account (handle, name, bio, avatar). */
export const getMyProfile = () => unwrap(api.GET('/api/v1/me/profile'));

export const getMyProfileQueryOptions = () => queryOptions({ queryKey: myProfileKey, queryFn: getMyProfile });

export const useMyProfile = () => useQuery(getMyProfileQueryOptions());
