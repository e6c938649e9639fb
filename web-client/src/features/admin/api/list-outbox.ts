import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';

/** `GET /api/v1/admin/outbox`: e-mails the co-op has written, newest first (kept locally when no SMTP server is set). */
export const listOutbox = () => unwrap(api.GET('/api/v1/admin/outbox', { params: { query: { limit: 100 } } }));

export const listOutboxQueryOptions = () => queryOptions({ queryKey: ['admin', 'outbox'], queryFn: listOutbox });

export const useOutbox = () => useQuery(listOutboxQueryOptions());
