import { queryOptions, useQuery } from '@tanstack/react-query';
import { unwrap } from '@/api/problem';
import { api } from '@/api/client';
import { meetingKey } from './settings-types';

/** `GET /api/v1/coop/meetings/{id}` (members): agenda, minutes (sanitized HTML) and the proposals that name it. */
export const getMeeting = (id: string) => unwrap(api.GET('/api/v1/coop/meetings/{id}', { params: { path: { id } } }));

export const getMeetingQueryOptions = (id: string) => queryOptions({ queryKey: meetingKey(id), queryFn: () => getMeeting(id) });

export const useMeeting = (id: string) => useQuery(getMeetingQueryOptions(id));
