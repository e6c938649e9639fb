import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { DirectoryPage } from './directory-page';

describe('DirectoryPage', () => {
  it('lists opted-in members as cards and searches by name and class', async () => {
    const api = mockApi({
      'GET /api/v1/members/directory': (request) => {
        const url = new URL(request.url);
        const ana = { id: 'u1', displayName: 'Ana Okafor', handle: 'ana', memberClass: 'contributor', joinedAt: '2026-02-01T00:00:00Z', bio: 'Street photographer', avatar: null, board: true };
        return json({ items: url.searchParams.get('class') === 'worker' ? [] : [ana], nextCursor: null });
      },
    });
    const { user } = renderWithProviders(<DirectoryPage />, { route: '/coop/directory' });
    const cards = await screen.findByRole('list', { name: 'Members' });
    const card = await within(cards).findByRole('listitem');
    expect(card).toHaveTextContent('Ana Okafor');
    expect(card).toHaveTextContent('@ana');
    expect(card).toHaveTextContent('Contributors · Board member · member since 2026');

    await user.type(screen.getByLabelText('Name'), 'ana');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await user.selectOptions(screen.getByLabelText('Class'), 'worker');
    expect(await screen.findByText('No listed member matches.')).toBeInTheDocument();
    const last = new URL(api.last('GET /api/v1/members/directory')!.url);
    expect(last.searchParams.get('q')).toBe('ana');
    expect(last.searchParams.get('class')).toBe('worker');
  });
});
