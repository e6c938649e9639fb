import { vi } from 'vitest';

type Handler = (request: Request) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

export const TEST_TOKEN = { headerName: 'X-XSRF-TOKEN', token: 'test-token' };

const defaults: Record<string, Handler> = {
  'GET /api/v1/auth/antiforgery': () => json(TEST_TOKEN),
  'GET /api/v1/me': () => problem(401, { title: 'Sign-in required', detail: 'Sign in to use this operation.' }),
};

/**
 * Stubs `globalThis.fetch` for unit tests with handlers keyed "METHOD /path". The antiforgery
 * token and a signed-out `GET /api/v1/me` are answered unless a handler overrides them.
 */
export function mockApi(handlers: Record<string, Handler> = {}) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = handlers[key] ?? defaults[key];
    if (!handler) return problem(404, { title: `No mock for ${key}` });
    return handler(request);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests, last: (key: string) => requests.filter((r) => `${r.method} ${new URL(r.url).pathname}` === key).at(-1) };
}
