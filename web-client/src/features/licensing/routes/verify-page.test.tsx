import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ASSET_ID, licenseTypes } from '../testing/fixtures';
import { VerifyPage, VerifyResultPage, normaliseCode } from './verify-page';

const verification = {
  code: 'MC7K2P9XQ4W3RT',
  status: 'valid',
  asset: { id: ASSET_ID, title: 'Harbour lights at dusk', thumbnail: { url: '/t.jpg', width: 480, height: 320 }, contributorName: 'Ana Okafor' },
  size: 'large',
  sizeLabel: 'Large',
  width: 4000,
  height: 2667,
  extended: ['multi-seat'],
  editorialOnly: false,
  issuedAt: '2026-11-27T10:05:00Z',
  termsVersion: 1,
  revokedAt: null,
};

function renderVerify(route: string) {
  return renderWithProviders(
    <Routes>
      <Route path="/verify" element={<VerifyPage />} />
      <Route path="/verify/:code" element={<VerifyResultPage />} />
    </Routes>,
    { route },
  );
}

describe('verification pages', () => {
  it('goes from the form to the result, and says what the licence covers', async () => {
    mockApi({
      'GET /api/v1/license-types': () => json(licenseTypes),
      'GET /api/v1/licenses/verify/MC7K2P9XQ4W3RT': () => json(verification),
    });
    const { user } = renderVerify('/verify');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(screen.getByText('Enter the verification code printed on the certificate.')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Verification code' }), '  MC7K2P9XQ4W3RT ');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'This licence is valid' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Harbour lights at dusk' })).toHaveAttribute('href', `/assets/${ASSET_ID}`);
    expect(screen.getByText('by Ana Okafor')).toBeInTheDocument();
    expect(screen.getByText('Standard, Large (4,000 × 2,667 px)')).toBeInTheDocument();
    expect(await screen.findByText('Multi-seat (shared by a team)')).toBeInTheDocument();
  });

  it('shows a revoked licence as revoked', async () => {
    mockApi({ 'GET /api/v1/licenses/verify/REVOKED1': () => json({ ...verification, code: 'REVOKED1', status: 'revoked', revokedAt: '2026-11-28T09:00:00Z' }) });
    renderVerify('/verify/REVOKED1');
    expect(await screen.findByRole('heading', { level: 1, name: 'This licence has been revoked' })).toBeInTheDocument();
    expect(screen.getByText(/no longer grants any rights/)).toBeInTheDocument();
  });

  it('says when no licence has the code', async () => {
    mockApi({ 'GET /api/v1/licenses/verify/NOPE': () => problem(404, { title: 'Not found' }) });
    renderVerify('/verify/NOPE');
    expect(await screen.findByRole('heading', { level: 1, name: 'No licence has this code' })).toBeInTheDocument();
  });

  it('tidies typed codes', () => {
    expect(normaliseCode(' mc 7k2p-9xq4 ')).toBe('mc7k2p-9xq4');
  });
});
