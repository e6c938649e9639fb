import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import { proposalKey } from './keys';
import type { Proposal } from './types';

/** How often an open proposal's turnout (and, once the close job has run, its result) is fetched again. */
export const TURNOUT_POLL_MS = 5_000;

/** `GET /api/v1/proposals/{id}` (members): the proposal, my vote, live turnout while open, results after close. */
export const getProposal = (id: string): Promise<Proposal> =>
  unwrap(api.GET('/api/v1/proposals/{id}', { params: { path: { id } } }));

export const getProposalQueryOptions = (id: string) =>
  queryOptions({
    queryKey: proposalKey(id),
    queryFn: () => getProposal(id),
    // Only while open: React Query does not poll a hidden tab (refetchIntervalInBackground is off), and a closed
    // proposal never changes again.
    refetchInterval: (query) => (query.state.data?.status === 'open' ? TURNOUT_POLL_MS : false),
  });

export const useProposal = (id: string) => useQuery(getProposalQueryOptions(id));
