import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { createTestQueryClient } from '@/testing/render';
import { makeItem, makeResult } from '../testing/make-item';
import { SearchPage } from './search-page';

function renderSearch(path: string) {
  const router = createMemoryRouter([{ path: '/search', element: <SearchPage /> }], { initialEntries: [path] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user: userEvent.setup() };
}

const facets = {
  orientation: [
    { value: 'landscape', count: 12 },
    { value: 'portrait', count: 3 },
  ],
  color: [{ value: 'blue', count: 7 }],
  license: [{ value: 'commercial', count: 14 }],
  approximate: false,
};

describe('SearchPage', () => {
  it('searches with the URL, shows the total and facet counts, and a filter changes the URL', async () => {
    const api = mockApi({
      'GET /api/v1/assets': (request) => {
        const orientation = new URL(request.url).searchParams.get('orientation');
        return orientation === 'portrait'
          ? json(makeResult([makeItem({ title: 'Lighthouse', width: 4000, height: 6000 })], { facets }))
          : json(makeResult([makeItem({ title: 'Harbour lights' }), makeItem({ title: 'Harbour fog' })], { facets, total: { value: 15, exact: false } }));
      },
    });
    const { router, user } = renderSearch('/search?q=harbour&utm=x');

    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(within(results).getAllByRole('link')).toHaveLength(2);
    expect(screen.getByText('About 15 photos')).toBeInTheDocument();
    const sent = new URL(api.last('GET /api/v1/assets')!.url).searchParams;
    expect(sent.get('q')).toBe('harbour');
    expect(sent.has('utm')).toBe(false);

    const portrait = screen.getByRole('radio', { name: 'Portrait, 3 results' });
    await user.click(portrait);

    expect(router.state.location.search).toBe('?q=harbour&orientation=portrait');
    expect(await screen.findByRole('link', { name: 'Lighthouse by Ana Okafor' })).toBeInTheDocument();
    expect(new URL(api.last('GET /api/v1/assets')!.url).searchParams.get('orientation')).toBe('portrait');

    // Back restores the previous search, served from the cache.
    const calls = api.requests.length;
    await router.navigate(-1);
    expect(await screen.findByRole('link', { name: 'Harbour lights by Ana Okafor' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Orientation' })).getByRole('radio', { name: 'Any' })).toBeChecked();
    expect(api.requests.filter((r) => r.url.includes('/api/v1/assets')).length).toBe(
      api.requests.slice(0, calls).filter((r) => r.url.includes('/api/v1/assets')).length,
    );
  });

  it('says which corrected query the results are for', async () => {
    mockApi({ 'GET /api/v1/assets': () => json(makeResult([makeItem()], { correctedQuery: 'harbour' })) });
    renderSearch('/search?q=harbor');
    expect(await screen.findByText('harbour')).toBeInTheDocument();
    expect(screen.getByText(/Showing results for/)).toHaveTextContent('Showing results for harbour (you searched for “harbor”)');
  });

  it('puts a colour swatch, a size and a new sort in the URL', async () => {
    mockApi({ 'GET /api/v1/assets': () => json(makeResult([makeItem()], { facets })) });
    const { router, user } = renderSearch('/search?q=sea');
    await screen.findByRole('list', { name: 'Search results' });

    await user.click(screen.getByRole('button', { name: 'blue, 7 results' }));
    expect(router.state.location.search).toBe('?q=sea&color=blue');
    expect(screen.getByRole('button', { name: 'blue, 7 results' })).toHaveAttribute('aria-pressed', 'true');

    await user.selectOptions(screen.getByLabelText('Width'), '4000');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'newest');
    expect(router.state.location.search).toBe('?q=sea&color=blue&minWidth=4000&sort=newest');

    await user.click(screen.getByRole('button', { name: 'Clear 2 filters' }));
    expect(router.state.location.search).toBe('?q=sea&sort=newest');
  });

  it('loads the next page with the cursor when asked', async () => {
    const api = mockApi({
      'GET /api/v1/assets': (request) =>
        new URL(request.url).searchParams.get('cursor') === 'page-2'
          ? json(makeResult([makeItem({ title: 'Second page' })]))
          : json(makeResult([makeItem({ title: 'First page' })], { nextCursor: 'page-2' })),
    });
    const { user } = renderSearch('/search?q=meadow');
    await user.click(await screen.findByRole('button', { name: 'Load more photos' }));
    expect(await screen.findByRole('link', { name: 'Second page by Ana Okafor' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'First page by Ana Okafor' })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Load more photos' })).toBeNull());
    expect(new URL(api.last('GET /api/v1/assets')!.url).searchParams.get('cursor')).toBe('page-2');
  });
});
