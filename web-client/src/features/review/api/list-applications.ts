import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';
import { reviewApplicationsQueryKey } from '../lib/query-keys';

type ListApplications = paths['/api/v1/review/applications']['get'];
export type ApplicationList = ListApplications['responses'][200]['content']['application/json'];
export type PendingApplication = ApplicationList['items'][number];

/** `GET /api/v1/review/applications`: membership applications waiting for the board's votes. */
export const listApplications = () => unwrap(api.GET('/api/v1/review/applications'));

export const listApplicationsQueryOptions = () =>
  queryOptions({ queryKey: reviewApplicationsQueryKey, queryFn: listApplications, select: (data) => data.items });

export const useApplications = () => useQuery(listApplicationsQueryOptions());
