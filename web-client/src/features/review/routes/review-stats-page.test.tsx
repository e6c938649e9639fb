import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ReviewStatsPage } from './review-stats-page';

describe('ReviewStatsPage', () => {
  it('shows queue length, waits in words and decisions as labelled bars', async () => {
    mockApi({
      'GET /api/v1/review/stats': () =>
        json({
          queueLength: 42,
          medianWaitHours: 30,
          p90WaitHours: 80.5,
          decisionsByOutcome: { publish: 120, send_back: 30, decline: 10 },
          windowDays: 30,
        }),
    });
    renderWithProviders(<ReviewStatsPage />, { route: '/review/stats' });

    expect(await screen.findByText('42')).toBeInTheDocument();
    expect(screen.getByText('Median wait').nextElementSibling).toHaveTextContent('1 day');
    expect(screen.getByText('9 in 10 decided within').nextElementSibling).toHaveTextContent('3 days');

    const chart = screen.getByRole('region', { name: 'Decisions in the last 30 days' });
    const rows = within(chart).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual(['Published120', 'Sent back30', 'Declined10']);
    const bar = (i: number) => rows[i]!.querySelector<HTMLElement>('.outcome-bars__bar')!;
    expect(bar(0).style.width).toBe('100%');
    expect(bar(1).style.width).toBe('25%');
  });

  it('says when there are no decisions yet', async () => {
    mockApi({
      'GET /api/v1/review/stats': () =>
        json({ queueLength: 0, medianWaitHours: null, p90WaitHours: null, decisionsByOutcome: {}, windowDays: 30 }),
    });
    renderWithProviders(<ReviewStatsPage />, { route: '/review/stats' });

    expect(await screen.findByText('No decisions in this period.')).toBeInTheDocument();
    expect(screen.getAllByText('No decisions yet')).toHaveLength(2);
  });
});
