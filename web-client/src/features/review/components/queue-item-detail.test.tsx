import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import type { QueueItem } from '../api/get-review-queue';
import { QueueItemDetail } from './queue-item-detail';

const item: QueueItem = {
  assetId: 'a1',
  title: 'Market stall',
  contributorId: 'u1',
  contributorName: 'Ben',
  thumbnail: { url: '/media/renditions/t.jpg', width: 400, height: 267 },
  submittedAt: '2026-11-26T10:00:00Z',
  waitingSeconds: 3600,
  onAppeal: false,
  editorialOnly: false,
  nearDuplicates: 1,
  keywords: ['market'],
  claimedByYou: false,
  batchId: null,
  batchWaiting: 1,
};

describe('QueueItemDetail', () => {
  it('swaps in the unwatermarked preview and shows releases and near-duplicate candidates', async () => {
    mockApi({
      'GET /api/v1/review/assets/a1': () =>
        json({
          id: 'a1', status: 'inReview', title: 'Market stall', description: 'Fruit at dawn', keywords: ['market'],
          editorialOnly: false, showsPeople: true, showsProperty: false, width: 6000, height: 4000, byteSize: 1, originalFilename: 'x.jpg',
          camera: 'Fujifilm X-T5', contributorId: 'u1', contributorName: 'Ben', previewUrl: '/api/v1/review/assets/a1/preview',
          releases: [{ id: 'r1', kind: 'model', name: 'Vendor' }],
          nearDuplicates: [{ assetId: 'a2', distance: 3, status: 'published', thumbnail: { url: '/media/renditions/p.jpg', width: 1600, height: 1067 } }],
          history: [], contributorRecentDecisions: [{ assetId: 'a0', outcome: 'send_back', reasonCodes: ['keywords'], decidedAt: '2026-11-20T10:00:00Z', onAppeal: false }],
        }),
    });
    renderWithProviders(<QueueItemDetail item={item} />);

    expect(await screen.findByText('model release: Vendor')).toHaveAttribute('href', '/api/v1/review/releases/r1/file');
    expect(screen.getByRole('img', { name: 'Market stall' })).toHaveAttribute('src', '/api/v1/review/assets/a1/preview');
    expect(screen.getByText('published, 3 bits apart')).toBeInTheDocument();
    expect(screen.getByText('send back (keywords)')).toBeInTheDocument();
    expect(screen.getByText(/Fujifilm X-T5/)).toBeInTheDocument();
  });
});
