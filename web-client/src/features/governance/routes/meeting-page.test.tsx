import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { MeetingPage } from './meeting-page';

const meeting = {
  id: 'm1', kind: 'agm', title: 'AGM 2026', scheduledAt: '2026-03-01T18:00:00Z', location: 'Co-op hall', onlineUrl: null,
  agenda: '1. Accounts', agendaHtml: '<ol><li>Accounts</li></ol>', minutes: null, minutesHtml: null,
  minutesPublishedAt: null, minutesPublishedBy: null, proposals: [],
};
const me = (roles: string[]) => () =>
  json({ id: 'u1', email: 'u@example.test', displayName: 'U', roles, membership: { memberClass: 'worker', shares: 1, joinedAt: '2026-01-01T00:00:00Z' }, createdAt: '2026-01-01T00:00:00Z', directoryVisible: false });

const render = () =>
  renderWithProviders(
    <Routes>
      <Route path="/coop/meetings/:id" element={<MeetingPage />} />
    </Routes>,
    { route: '/coop/meetings/m1' },
  );

describe('MeetingPage', () => {
  it('shows the agenda and lets the board publish minutes, shown as the server rendered them', async () => {
    const api = mockApi({
      'GET /api/v1/me': me(['board']),
      'GET /api/v1/coop/meetings/m1': () => json(meeting),
      'PUT /api/v1/coop/meetings/m1/minutes': () =>
        json({ ...meeting, minutes: '**Approved**', minutesHtml: '<p><strong>Approved</strong></p>', minutesPublishedAt: '2026-03-02T10:00:00Z', minutesPublishedBy: { id: 'u1', displayName: 'Bo Board' } }),
    });
    const { user } = render();
    expect(await screen.findByRole('heading', { name: 'AGM 2026' })).toBeInTheDocument();
    expect(screen.getByText('Accounts')).toBeInTheDocument();
    expect(screen.getByText('The minutes have not been published yet.')).toBeInTheDocument();

    await user.type(await screen.findByLabelText('Minutes (Markdown)'), '**Approved**');
    await user.click(screen.getByRole('button', { name: 'Publish the minutes' }));
    expect(await screen.findByText('Approved', { selector: 'strong' })).toBeInTheDocument();
    expect(screen.getByText(/by Bo Board/)).toBeInTheDocument();
    expect(await api.last('PUT /api/v1/coop/meetings/m1/minutes')!.json()).toEqual({ minutes: '**Approved**' });
  });

  it('gives members without the board role no publish form', async () => {
    mockApi({ 'GET /api/v1/me': me(['contributor']), 'GET /api/v1/coop/meetings/m1': () => json(meeting) });
    render();
    expect(await screen.findByRole('heading', { name: 'AGM 2026' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Minutes (Markdown)')).not.toBeInTheDocument();
  });
});
