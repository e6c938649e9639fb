import '@testing-library/jest-dom/vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ApplicationsPage } from './applications-page';

const ID = '11111111-1111-1111-1111-111111111111';
const DECISION = `POST /api/v1/review/applications/${ID}/decision`;

const application = {
  id: ID,
  applicantId: '22222222-2222-2222-2222-222222222222',
  applicantName: 'Ada Lens',
  statement: 'I photograph harbours.',
  links: ['https://example.com/ada'],
  samples: [{ assetId: '33333333-3333-3333-3333-333333333333', thumbnail: { url: '/t/1.jpg', width: 320, height: 200 } }],
  approvals: 1,
  approvalsRequired: 2,
  votedByMe: false,
  createdAt: '2026-11-20T10:00:00Z',
  waitingSeconds: 3600,
};

function setup(decision: () => Response = () =>
  json({ applicationId: ID, status: 'approved', approvals: 2, approvalsRequired: 2 })) {
  let listCalls = 0;
  const api = mockApi({
    'GET /api/v1/review/applications': () => {
      listCalls += 1;
      return json({ items: [application] });
    },
    [DECISION]: decision,
  });
  return { api, listCalls: () => listCalls };
}

describe('ApplicationsPage', () => {
  it('shows the application and approving sends { vote: approve } for that id, then refetches', async () => {
    const { api, listCalls } = setup();
    const { user } = renderWithProviders(<ApplicationsPage />, { route: '/review/applications' });

    const card = (await screen.findByRole('heading', { name: 'Ada Lens' })).closest('li')!;
    expect(within(card).getByRole('link', { name: 'https://example.com/ada' })).toHaveAttribute('rel', 'noopener noreferrer');
    const img = within(card).getByRole('img');
    expect(img).toHaveAttribute('width', '320');
    expect(img).toHaveAttribute('height', '200');
    expect(card).toHaveTextContent('Approvals: 1 of 2');
    expect(card).toHaveTextContent('You have not voted');

    await user.click(within(card).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(api.last(DECISION)).toBeDefined());
    expect(await api.last(DECISION)!.json()).toEqual({ vote: 'approve' });
    await waitFor(() => expect(listCalls()).toBe(2));
    expect(await screen.findByRole('status')).toHaveTextContent('Your approval of Ada Lens was recorded');
  });

  it('declining without a reason shows an error and sends nothing; with a reason it sends it', async () => {
    const { api } = setup();
    const { user } = renderWithProviders(<ApplicationsPage />, { route: '/review/applications' });

    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    await user.click(screen.getByRole('button', { name: 'Send decline' }));
    expect(screen.getByText('Give a reason for declining.')).toBeInTheDocument();
    expect(api.last(DECISION)).toBeUndefined();

    await user.type(screen.getByLabelText('Reason'), 'Samples are out of focus.');
    await user.click(screen.getByRole('button', { name: 'Send decline' }));

    await waitFor(() => expect(api.last(DECISION)).toBeDefined());
    expect(await api.last(DECISION)!.json()).toEqual({ vote: 'decline', reason: 'Samples are out of focus.' });
  });

  it('shows the server problem when the editor already voted', async () => {
    setup(() => problem(409, { title: 'Conflict', detail: 'You have already voted on this application.' }));
    const { user } = renderWithProviders(<ApplicationsPage />, { route: '/review/applications' });

    await user.click(await screen.findByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You have already voted on this application.');
  });
});
