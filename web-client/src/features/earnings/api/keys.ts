export const earningsKey = ['earnings'] as const;
export const statementsKey = ['earnings', 'statements'] as const;
export const payoutsKey = ['earnings', 'payouts'] as const;
export const patronageKey = ['earnings', 'patronage'] as const;
