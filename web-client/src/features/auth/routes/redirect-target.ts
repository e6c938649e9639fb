/** Where to go after signing in: the protected page that sent the user here, else the account page. */
export function redirectTarget(state: unknown): string {
  const from = typeof state === 'object' && state !== null ? (state as { from?: unknown }).from : undefined;
  // Only same-app paths: "//evil.example" would leave the site.
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) return from;
  return '/account';
}
