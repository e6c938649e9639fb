import '@testing-library/jest-dom/vitest';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import type { QueueItem } from '../api/get-review-queue';
import { ReviewPage } from './review-page';

let n = 0;
function makeItem(overrides: Partial<QueueItem> = {}): QueueItem {
  n += 1;
  return {
    assetId: `0190a1b2-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    title: `Photo ${n}`,
    contributorId: '0190a1b2-0000-7000-8000-000000000009',
    contributorName: 'Ana Photographer',
    thumbnail: { url: `/media/thumb-${n}.jpg`, width: 400, height: 267 },
    submittedAt: '2026-11-24T10:00:00Z',
    waitingSeconds: 3 * 86_400 + 60,
    onAppeal: false,
    editorialOnly: false,
    nearDuplicates: 0,
    keywords: ['coast', 'summer'],
    claimedByYou: false,
    batchId: null,
    batchWaiting: 1,
    ...overrides,
  };
}

const REASONS = {
  items: [
    { code: 'keywords', label: 'Keywords need work', appliesTo: ['send_back'] },
    { code: 'technical-quality', label: 'Technical quality', appliesTo: ['send_back', 'decline'] },
    { code: 'no-release', label: 'Missing release', appliesTo: ['decline'] },
  ],
};

const decision = (assetId: string, outcome: string, reasonCodes: string[] = []) => ({
  decisionId: '0190a1b2-0000-7000-8000-000000000fff',
  assetId,
  outcome,
  reasonCodes,
  note: null,
  onAppeal: false,
  decidedAt: '2026-11-27T12:00:00Z',
});

function setup(items: QueueItem[], decide?: (r: Request) => Response | Promise<Response>) {
  const api = mockApi({
    'GET /api/v1/review/queue': () => json({ items, nextCursor: null, total: items.length }),
    'GET /api/v1/review/reasons': () => json(REASONS),
    ...Object.fromEntries(
      items.map((i) => [
        `POST /api/v1/review/assets/${i.assetId}/decision`,
        decide ??
          (async (r: Request) => {
            const body = (await r.json()) as { outcome: string; reasonCodes: string[] };
            return json(decision(i.assetId, body.outcome, body.reasonCodes));
          }),
      ]),
    ),
  });
  const view = renderWithProviders(<ReviewPage />, { route: '/review' });
  return { api, ...view };
}

const detailTitle = () => screen.getByRole('heading', { level: 2, name: /^Photo \d+/ });
const list = () => screen.getByRole('list', { name: 'Waiting photos, oldest first' });

afterEach(() => vi.unstubAllGlobals());

describe('ReviewPage', () => {
  it('shows the queue oldest first with total and waiting time, and moves the selection with j/k and arrows', async () => {
    const items = [makeItem(), makeItem({ onAppeal: true }), makeItem()];
    const { user } = setup(items);

    expect(await screen.findByText('3 photos waiting')).toBeInTheDocument();
    expect(within(list()).getAllByRole('button')).toHaveLength(3);
    expect(detailTitle()).toHaveTextContent(items[0]!.title!);
    expect(screen.getByRole('article')).toHaveTextContent('3 days');
    expect(screen.getByRole('img', { name: items[0]!.title! })).toHaveAttribute('src', items[0]!.thumbnail!.url);

    await user.keyboard('j');
    expect(detailTitle()).toHaveTextContent(items[1]!.title!);
    expect(detailTitle()).toHaveTextContent('On appeal');
    expect(within(list()).getByRole('button', { name: new RegExp(items[1]!.title!) })).toHaveAttribute('aria-current', 'true');

    await user.keyboard('{ArrowDown}');
    expect(detailTitle()).toHaveTextContent(items[2]!.title!);
    await user.keyboard('j'); // stays on the last
    expect(detailTitle()).toHaveTextContent(items[2]!.title!);
    await user.keyboard('k');
    await user.keyboard('{ArrowUp}');
    expect(detailTitle()).toHaveTextContent(items[0]!.title!);
    expect(screen.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('publishes the selected photo with p, then selects the next one and preloads the one after', async () => {
    const sources: string[] = [];
    vi.stubGlobal(
      'Image',
      class {
        set src(value: string) {
          sources.push(value);
        }
      },
    );
    const items = [makeItem(), makeItem(), makeItem()];
    const { api, user } = setup(items);
    await screen.findByText('3 photos waiting');
    expect(sources).toContain(items[1]!.thumbnail!.url);

    await user.keyboard('j');
    await user.keyboard('p');

    expect(await screen.findByText(`Published “${items[1]!.title}”.`)).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/review/assets/${items[1]!.assetId}/decision`)!.json()).toEqual({
      outcome: 'publish',
      reasonCodes: [],
      note: null,
    });
    expect(within(list()).getAllByRole('button')).toHaveLength(2);
    expect(screen.getByText('2 photos waiting')).toBeInTheDocument();
    expect(detailTitle()).toHaveTextContent(items[2]!.title!);
  });

  it('declines with d: number keys toggle reasons for that outcome, Enter sends them', async () => {
    const items = [makeItem(), makeItem()];
    const { api, user } = setup(items);
    await screen.findByText('2 photos waiting');

    await user.keyboard('d');
    const picker = await screen.findByRole('dialog', { name: `Decline: ${items[0]!.title}` });
    // Only the reasons that apply to declining, numbered in catalogue order.
    const boxes = within(picker).getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    expect(within(picker).queryByText('Keywords need work')).not.toBeInTheDocument();

    await user.keyboard('2');
    expect(within(picker).getByRole('checkbox', { name: /Missing release/ })).toBeChecked();
    await user.keyboard('1');
    await user.keyboard('1');
    expect(within(picker).getByRole('checkbox', { name: /Technical quality/ })).not.toBeChecked();

    await user.keyboard('{Tab}');
    expect(within(picker).getByLabelText(/Note to the contributor/)).toHaveFocus();
    await user.keyboard('Needs a signed model release');
    await user.keyboard('{Enter}');
    expect(api.last(`POST /api/v1/review/assets/${items[0]!.assetId}/decision`)).toBeUndefined();
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByText(`Declined “${items[0]!.title}”.`)).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/review/assets/${items[0]!.assetId}/decision`)!.json()).toEqual({
      outcome: 'decline',
      reasonCodes: ['no-release'],
      note: 'Needs a signed model release',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(detailTitle()).toHaveTextContent(items[1]!.title!);
  });

  it('sends back with s and Enter straight from the picker', async () => {
    const items = [makeItem()];
    const { api, user } = setup(items);
    await screen.findByText('1 photo waiting');

    await user.keyboard('s');
    await screen.findByRole('dialog', { name: /^Send back/ });
    await user.keyboard('1{Enter}');

    expect(await screen.findByText(`Sent back “${items[0]!.title}”.`)).toBeInTheDocument();
    expect(await api.last(`POST /api/v1/review/assets/${items[0]!.assetId}/decision`)!.json()).toEqual({
      outcome: 'send_back',
      reasonCodes: ['keywords'],
      note: null,
    });
    expect(screen.getByText('Nothing waiting for review. Well done.')).toBeInTheDocument();
  });

  it('Escape cancels the picker without deciding; Enter without a reason asks for one', async () => {
    const items = [makeItem()];
    const { api, user } = setup(items);
    await screen.findByText('1 photo waiting');

    await user.keyboard('d');
    await screen.findByRole('dialog');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Choose at least one reason.');

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(api.requests.some((r) => r.method === 'POST' && r.url.includes('/decision'))).toBe(false);
    // Shortcuts work again after cancelling.
    await user.keyboard('p');
    expect(await screen.findByText(`Published “${items[0]!.title}”.`)).toBeInTheDocument();
  });

  it('removes a photo someone else already decided (409) and says so', async () => {
    const items = [makeItem(), makeItem()];
    const { user } = setup(items, () =>
      problem(409, {
        title: 'Not in review',
        detail: 'This asset is not waiting for a decision (someone may have just decided it).',
      }),
    );
    await screen.findByText('2 photos waiting');

    await user.keyboard('p');

    expect(await screen.findByText(/was already decided and has left the queue/)).toHaveTextContent(items[0]!.title!);
    expect(within(list()).getAllByRole('button')).toHaveLength(1);
    expect(detailTitle()).toHaveTextContent(items[1]!.title!);
  });

  it('keeps the photo and shows the problem for the editor’s own work (403)', async () => {
    const items = [makeItem()];
    const { user } = setup(items, () =>
      problem(403, { title: 'Your own work', detail: 'Editors never review their own work; another editor will.' }),
    );
    await screen.findByText('1 photo waiting');

    await user.keyboard('p');

    expect(await screen.findByRole('alert')).toHaveTextContent('Editors never review their own work');
    expect(within(list()).getAllByRole('button')).toHaveLength(1);
  });

  it('asks the server for the chosen filters', async () => {
    const { api, user } = setup([makeItem()]);
    await screen.findByText('1 photo waiting');
    const query = () => Object.fromEntries(new URL(api.last('GET /api/v1/review/queue')!.url).searchParams);
    expect(query()).toEqual({ limit: '50' });

    await user.click(screen.getByRole('checkbox', { name: 'Flagged near-duplicates' }));
    await vi.waitFor(() => expect(query()).toEqual({ flagged: 'true', limit: '50' }));
    await user.click(screen.getByRole('checkbox', { name: 'Editorial only' }));
    await vi.waitFor(() => expect(query()).toEqual({ flagged: 'true', editorialOnly: 'true', limit: '50' }));
    await user.click(screen.getByRole('checkbox', { name: 'Missing releases' }));
    await vi.waitFor(() =>
      expect(query()).toEqual({ flagged: 'true', editorialOnly: 'true', missingRelease: 'true', limit: '50' }),
    );
  });

  it('narrows the queue to one submitted batch or one contributor, and back', async () => {
    const batchId = '0190a1b2-0000-7000-8000-00000000b001';
    const { api, user } = setup([makeItem({ batchId, batchWaiting: 3 }), makeItem()]);
    await screen.findByText('2 photos waiting');
    const query = () => Object.fromEntries(new URL(api.last('GET /api/v1/review/queue')!.url).searchParams);

    await user.click(screen.getByRole('button', { name: 'Review this batch of 3 together' }));
    await vi.waitFor(() => expect(query()).toEqual({ batch: batchId, limit: '50' }));
    await user.click(screen.getByRole('button', { name: 'Stop showing only this batch' }));
    await vi.waitFor(() => expect(query()).toEqual({ limit: '50' }));

    await user.click(screen.getByRole('button', { name: 'Only Ana Photographer’s photos' }));
    await vi.waitFor(() => expect(query()).toEqual({ contributor: '0190a1b2-0000-7000-8000-000000000009', limit: '50' }));
    expect(screen.getByRole('button', { name: "Stop showing only Ana Photographer's photos" })).toBeVisible();
  });

  it('marks photos with x and declines the marked ones together, reporting those that failed', async () => {
    const items = [makeItem(), makeItem(), makeItem()];
    const api = mockApi({
      'GET /api/v1/review/queue': () => json({ items, nextCursor: null, total: 3 }),
      'GET /api/v1/review/reasons': () => json(REASONS),
      'POST /api/v1/review/decisions': () =>
        json({
          decided: [decision(items[0]!.assetId, 'decline', ['no-release'])],
          failed: [{ assetId: items[2]!.assetId, status: 403, detail: 'Editors never review their own work; another editor will.' }],
        }),
    });
    const { user } = renderWithProviders(<ReviewPage />, { route: '/review' });
    await screen.findByText('3 photos waiting');

    await user.keyboard('x');
    await user.keyboard('jj');
    await user.keyboard('x');
    expect(screen.getByRole('checkbox', { name: `Mark ${items[0]!.title}` })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: `Mark ${items[2]!.title}` })).toBeChecked();
    const bar = screen.getByRole('region', { name: 'Marked photos' });
    expect(bar).toHaveTextContent('2 marked');

    await user.click(within(bar).getByRole('button', { name: 'Decline marked…' }));
    await screen.findByRole('dialog', { name: 'Decline: 2 marked photos' });
    await user.keyboard('2{Enter}');

    expect(await screen.findByText(/Declined 1 photo\./)).toHaveTextContent('Editors never review their own work');
    expect(await api.last('POST /api/v1/review/decisions')!.json()).toEqual({
      assetIds: [items[0]!.assetId, items[2]!.assetId],
      outcome: 'decline',
      reasonCodes: ['no-release'],
      note: null,
    });
    expect(within(list()).getAllByRole('button')).toHaveLength(2);
    // The one that failed stays marked, to try again or unmark.
    expect(screen.getByRole('checkbox', { name: `Mark ${items[2]!.title}` })).toBeChecked();
  });

  it('fetches the next batch once every loaded photo is decided', async () => {
    const first = makeItem();
    const later = makeItem();
    let calls = 0;
    mockApi({
      'GET /api/v1/review/queue': () => {
        calls += 1;
        return calls === 1 ? json({ items: [first], nextCursor: 'c2', total: 2 }) : json({ items: [later], nextCursor: null, total: 1 });
      },
      'GET /api/v1/review/reasons': () => json(REASONS),
      [`POST /api/v1/review/assets/${first.assetId}/decision`]: () => json(decision(first.assetId, 'publish')),
    });
    const { user } = renderWithProviders(<ReviewPage />, { route: '/review' });
    await screen.findByText('2 photos waiting (showing the oldest 1)');

    await user.keyboard('p');

    expect(await screen.findByRole('heading', { level: 2, name: later.title! })).toBeInTheDocument();
    expect(screen.getByText('1 photo waiting')).toBeInTheDocument();
  });
});
