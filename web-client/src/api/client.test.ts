import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';

function setup() {
  let tokenCount = 0;
  const seen: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    seen.push(request);
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/auth/antiforgery') {
      tokenCount += 1;
      return Response.json({ headerName: 'X-XSRF-TOKEN', token: `token-${tokenCount}` });
    }
    if (path === '/api/v1/auth/logout') return new Response(null, { status: 204 });
    return Response.json({ ok: true });
  });
  const { client, refreshAntiforgeryToken } = createApiClient({ baseUrl: 'http://localhost', fetch });
  const calls = (path: string) => seen.filter((r) => new URL(r.url).pathname === path);
  return { client, refreshAntiforgeryToken, calls };
}

describe('antiforgery middleware', () => {
  it('adds the token header to a POST', async () => {
    const { client, calls } = setup();

    await client.POST('/api/v1/auth/logout');

    const [post] = calls('/api/v1/auth/logout');
    expect(post?.headers.get('X-XSRF-TOKEN')).toBe('token-1');
  });

  it('does not add it to a GET, nor fetch a token for one', async () => {
    const { client, calls } = setup();

    await client.GET('/api/v1/me');

    const [get] = calls('/api/v1/me');
    expect(get?.headers.has('X-XSRF-TOKEN')).toBe(false);
    expect(calls('/api/v1/auth/antiforgery')).toHaveLength(0);
  });

  it('reuses the token until it is refreshed, then sends the new one', async () => {
    const { client, refreshAntiforgeryToken, calls } = setup();

    await client.POST('/api/v1/auth/logout');
    await client.POST('/api/v1/auth/logout');
    await refreshAntiforgeryToken();
    await client.POST('/api/v1/auth/logout');

    expect(calls('/api/v1/auth/logout').map((r) => r.headers.get('X-XSRF-TOKEN'))).toEqual([
      'token-1',
      'token-1',
      'token-2',
    ]);
  });

  it('sends requests with same-origin credentials', async () => {
    const { client, calls } = setup();

    await client.GET('/api/v1/me');

    expect(calls('/api/v1/me')[0]?.credentials).toBe('same-origin');
  });
});
