import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { createTestQueryClient } from '@/testing/render';
import { SearchPage } from '../routes/search-page';
import { makeItem, makeResult } from '../testing/make-item';
import { EMBEDDED_SEARCH_ID, prefetchSearchPage } from './prefetch-search-page';

describe('prefetchSearchPage', () => {
  it('loads a search link’s first page before the page renders, and the page shows it without asking again', async () => {
    const api = mockApi({ 'GET /api/v1/assets': () => json(makeResult([makeItem({ title: 'Harbour at dawn' })])) });
    const queryClient = createTestQueryClient();

    prefetchSearchPage(queryClient, { pathname: '/search', search: '?q=harbour&orientation=landscape' });
    const prefetched = await vi.waitFor(() => api.last('GET /api/v1/assets') ?? Promise.reject(new Error('not yet')));
    expect(new URL(prefetched.url).searchParams.get('q')).toBe('harbour');
    expect(new URL(prefetched.url).searchParams.get('orientation')).toBe('landscape');

    const router = createMemoryRouter([{ path: '/search', element: <SearchPage /> }], {
      initialEntries: ['/search?q=harbour&orientation=landscape'],
    });
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('img', { name: /Harbour at dawn/ })).toBeInTheDocument();
    expect(api.requests.filter((r) => new URL(r.url).pathname === '/api/v1/assets')).toHaveLength(1);
  });

  it('leaves other pages alone', async () => {
    const api = mockApi();
    prefetchSearchPage(createTestQueryClient(), { pathname: '/assets/1', search: '?q=harbour' });
    // The prefetch, when there is one, is sent after a few microtasks (see the first test): give it the chance.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests.filter((r) => new URL(r.url).pathname === '/api/v1/assets')).toHaveLength(0);
  });
  function embed(doc: Document, data: unknown) {
    const script = doc.createElement('script');
    script.type = 'application/json';
    script.id = EMBEDDED_SEARCH_ID;
    script.textContent = JSON.stringify(data);
    doc.head.append(script);
  }

  function renderSearch(queryClient: ReturnType<typeof createTestQueryClient>, url: string) {
    const router = createMemoryRouter([{ path: '/search', element: <SearchPage /> }], { initialEntries: [url] });
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );
  }

  it('shows the first page the server embedded in a search link without asking the API', async () => {
    const api = mockApi({ 'GET /api/v1/assets': () => json(makeResult([makeItem({ title: 'Fetched photo' })])) });
    const queryClient = createTestQueryClient();
    embed(document, { query: '?q=harbour&orientation=landscape', limit: 40, result: makeResult([makeItem({ title: 'Embedded harbour' })]) });

    prefetchSearchPage(queryClient, { pathname: '/search', search: '?q=harbour&orientation=landscape' });
    expect(document.getElementById(EMBEDDED_SEARCH_ID)).toBeNull();
    renderSearch(queryClient, '/search?q=harbour&orientation=landscape');

    expect(await screen.findByRole('img', { name: /Embedded harbour/ })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.requests.filter((r) => new URL(r.url).pathname === '/api/v1/assets')).toHaveLength(0);
  });

  it('fetches instead when the embedded page is for another query or the link is not the app’s own', async () => {
    for (const [search, embeddedQuery] of [
      ['?q=harbour', '?q=mountain'],
      // Not canonical (the app writes q first): the server may have read it differently.
      ['?orientation=landscape&q=harbour', '?orientation=landscape&q=harbour'],
    ] as const) {
      const api = mockApi({ 'GET /api/v1/assets': () => json(makeResult([makeItem({ title: 'Fetched photo' })])) });
      const queryClient = createTestQueryClient();
      embed(document, { query: embeddedQuery, limit: 40, result: makeResult([makeItem({ title: 'Embedded photo' })]) });
      prefetchSearchPage(queryClient, { pathname: '/search', search });
      await vi.waitFor(() => api.last('GET /api/v1/assets') ?? Promise.reject(new Error('not yet')));
      expect(document.getElementById(EMBEDDED_SEARCH_ID)).toBeNull();
    }
  });
});
