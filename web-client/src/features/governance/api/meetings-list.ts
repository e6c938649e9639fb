import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { meetingsKey } from './settings-types';

/** `GET /api/v1/coop/meetings` (members): meetings, latest first. */
export const listMeetings = () => unwrap(api.GET('/api/v1/coop/meetings'));

export const listMeetingsQueryOptions = () => queryOptions({ queryKey: meetingsKey, queryFn: listMeetings });

export const useMeetings = () => useQuery(listMeetingsQueryOptions());
