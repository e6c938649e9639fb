/** Every query about the editors' review queue starts with this key. */
export const reviewQueueQueryKey = ['review', 'queue'] as const;
export const reviewReasonsQueryKey = ['review', 'reasons'] as const;
export const reviewStatsQueryKey = ['review', 'stats'] as const;
export const reviewApplicationsQueryKey = ['review', 'applications'] as const;
export const collectionsQueryKey = ['review', 'collections'] as const;
