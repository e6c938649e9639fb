import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { Headline } from './headline';

describe('Headline', () => {
  it('says how much went to photographers this year', async () => {
    mockApi({ 'GET /api/v1/coop/headline': () => json({ year: 2026, royaltiesPaid: { amount: 1234567, currency: 'USD' }, contributors: 42 }) });
    const { container } = renderWithProviders(<Headline />);
    expect(await screen.findByText(/paid to photographers in 2026/)).toBeInTheDocument();
    expect(container).toHaveTextContent('$12,345 paid to photographers in 2026 · 42 photographers');
  });

  it('keeps its line, empty, when there is no figure, so nothing below moves', async () => {
    const api = mockApi({ 'GET /api/v1/coop/headline': () => problem(500, { title: 'Oops' }) });
    const { container } = renderWithProviders(<Headline />);
    await waitFor(() => expect(api.fetchMock).toHaveResolved());
    expect(api.requests.some((r) => r.url.endsWith('/api/v1/coop/headline'))).toBe(true);
    expect(container.querySelector('p.headline')).toHaveTextContent(/^\s*$/);
  });
});
