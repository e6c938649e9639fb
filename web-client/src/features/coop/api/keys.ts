export const booksKey = (year: number) => ['coop', 'books', year] as const;
export const expensesKey = (year: number) => ['coop', 'expenses', year] as const;
export const adminPayoutsKey = ['admin', 'payouts'] as const;
export const adminPatronageKey = (year: number) => ['admin', 'patronage', year] as const;
