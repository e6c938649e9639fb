import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { toApiError } from './problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
/** The server's title for a rejected token (it has no problem `type` of its own yet). */
export const ANTIFORGERY_TITLE = 'Invalid or missing antiforgery token';

export type AntiforgeryToken = { headerName: string; token: string };

export type ApiClientOptions = {
  /** Origin the `/api/v1/...` paths are resolved against; the page's own origin by default. */
  baseUrl?: string;
  /** Looked up on every call (not captured once) so tests can stub `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
};

/**
 * The typed API client. The session is an HttpOnly cookie the SPA never sees; what it does hold
 * is the antiforgery token, which every state-changing request must echo in a header. The server
 * binds that token to the signed-in user, so {@link refreshAntiforgeryToken} must be called after
 * every sign-in, sign-up and sign-out (the session helpers in `src/lib/session` do this).
 */
export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? globalThis.location?.origin ?? '',
    credentials: 'same-origin',
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
  });

  let current: Promise<AntiforgeryToken> | null = null;

  async function fetchToken(): Promise<AntiforgeryToken> {
    const { data, error, response } = await client.GET('/api/v1/auth/antiforgery');
    if (!response.ok) throw toApiError(error, response);
    // The contract marks both fields optional; without them there is nothing to send.
    if (!data?.headerName || !data.token) throw new Error('The antiforgery token response is incomplete.');
    return { headerName: data.headerName, token: data.token };
  }

  /** Starts fetching a fresh token; state-changing requests wait for it. */
  function refreshAntiforgeryToken(): Promise<AntiforgeryToken> {
    const next = fetchToken();
    current = next;
    // A failed fetch is not cached: the next write tries again.
    next.catch(() => {
      if (current === next) current = null;
    });
    return next;
  }

  const antiforgery: Middleware = {
    async onRequest({ request }) {
      if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const { headerName, token } = await (current ?? refreshAntiforgeryToken());
      request.headers.set(headerName, token);
      return request;
    },
    async onResponse({ request, response }) {
      // A token the server no longer accepts (e.g. the session changed in another tab) is
      // replaced, so the user's next attempt succeeds.
      if (response.status === 400 && !SAFE_METHODS.has(request.method.toUpperCase())) {
        const body: unknown = await response.clone().json().catch(() => null);
        if (isAntiforgeryRejection(response.status, body)) {
          void refreshAntiforgeryToken().catch(() => undefined);
        }
      }
      return undefined;
    },
  };
  client.use(antiforgery);

  /** The token to echo, for requests that do not go through `client` (the XHR upload path). */
  function antiforgeryToken(): Promise<AntiforgeryToken> {
    return current ?? refreshAntiforgeryToken();
  }

  return { client, refreshAntiforgeryToken, antiforgeryToken };
}

const instance = createApiClient();

/** The app-wide client: `api.GET('/api/v1/me')`, `api.POST('/api/v1/auth/login', { body })`, … */
export const api = instance.client;
export const refreshAntiforgeryToken = instance.refreshAntiforgeryToken;
export const antiforgeryToken = instance.antiforgeryToken;

/** True when the server refused a state-changing request for its antiforgery token. */
export function isAntiforgeryRejection(status: number, body: unknown): boolean {
  return (
    status === 400 && typeof body === 'object' && body !== null && (body as { title?: unknown }).title === ANTIFORGERY_TITLE
  );
}
