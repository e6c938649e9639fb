import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalListKey } from './keys';
import type { ProposalList, ProposalStatus } from './types';

/** `GET /api/v1/proposals?status=` (members): the proposals in one state. */
export const listProposals = (status: ProposalStatus): Promise<ProposalList> =>
  unwrap(api.GET('/api/v1/proposals', { params: { query: { status } } }));

export const listProposalsQueryOptions = (status: ProposalStatus) =>
  queryOptions({
    queryKey: proposalListKey(status),
    queryFn: () => listProposals(status),
    // Open proposals show live turnout; refreshed while the tab is visible (React Query pauses it when hidden).
    refetchInterval: status === 'open' ? 15_000 : false,
  });

export const useProposals = (status: ProposalStatus) => useQuery(listProposalsQueryOptions(status));
