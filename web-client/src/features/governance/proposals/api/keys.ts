import type { ProposalStatus } from './types';

export const proposalsKey = ['governance', 'proposals'] as const;
export const proposalListKey = (status: ProposalStatus) => [...proposalsKey, 'list', status] as const;
export const proposalKey = (id: string) => [...proposalsKey, 'detail', id] as const;
export const coopSettingsKey = ['governance', 'settings', 'current'] as const;
export const memberDirectoryKey = (q: string) => ['governance', 'directory', q] as const;
