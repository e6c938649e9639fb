import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ClaimBatchButton } from './claim-batch-button';

describe('ClaimBatchButton', () => {
  it('claims the next 20 and says how many are now yours', async () => {
    const api = mockApi({
      'POST /api/v1/review/claims': () => json({ assetIds: ['a1', 'a2'], expiresAt: '2026-11-27T13:00:00Z' }),
    });
    const { user } = renderWithProviders(<ClaimBatchButton />);
    await user.click(screen.getByRole('button', { name: 'Claim the next 20' }));
    expect(await screen.findByText('2 photos are yours for 30 minutes.')).toBeInTheDocument();
    expect(await api.last('POST /api/v1/review/claims')!.json()).toEqual({ count: 20 });
  });
});
