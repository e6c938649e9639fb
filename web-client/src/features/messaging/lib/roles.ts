/** Board members and admins announce and pin (the API's Board policy). */
export const canAnnounce = (roles: readonly string[]) => roles.includes('board') || roles.includes('admin');
