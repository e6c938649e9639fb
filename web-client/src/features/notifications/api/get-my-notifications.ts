import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type NotificationItem = components['schemas']['NotificationItem'];

export const myNotificationsQueryKey = ['notifications', 'mine'] as const;

/** `GET /api/v1/me/notifications`: newest first, with the unread count for the nav badge. */
export const getMyNotifications = () => unwrap(api.GET('/api/v1/me/notifications', { params: { query: { limit: 50 } } }));

export const getMyNotificationsQueryOptions = () =>
  queryOptions({ queryKey: myNotificationsQueryKey, queryFn: getMyNotifications, refetchInterval: 60_000 });

export const useMyNotifications = (enabled = true) => useQuery({ ...getMyNotificationsQueryOptions(), enabled });
