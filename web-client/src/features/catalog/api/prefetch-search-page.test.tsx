import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { createTestQueryClient } from '@/testing/render';
import { SearchPage } from '../routes/search-page';
import { makeItem, makeResult } from '../testing/make-item';
import { prefetchSearchPage } from './prefetch-search-page';

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
});
