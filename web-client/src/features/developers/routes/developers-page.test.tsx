import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import { DevelopersPage } from './developers-page';

describe('DevelopersPage', () => {
  it('links the interactive reference and the raw contract', () => {
    renderWithProviders(<DevelopersPage />, { route: '/developers' });

    expect(screen.getByRole('heading', { level: 1, name: 'Build on MediaCoop' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Interactive API reference' })).toHaveAttribute('href', '/swagger');
    expect(screen.getByRole('link', { name: 'The OpenAPI contract (JSON)' })).toHaveAttribute('href', '/swagger/v1/swagger.json');
  });

  it('explains keys, every scope, limits and idempotency', () => {
    renderWithProviders(<DevelopersPage />, { route: '/developers' });

    const auth = screen.getByRole('region', { name: 'Authentication and scopes' });
    expect(within(auth).getByText(/Authorization: Bearer mcp_…/)).toBeInTheDocument();
    const table = within(auth).getByRole('table', { name: 'What each scope allows' });
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'catalog:read',
      'lightboxes:write',
      'licenses:read',
      'licenses:write',
      'uploads:write',
      'assets:read',
      'earnings:read',
      'webhooks:write',
      'messages:read',
      'messages:write',
    ]);
    const limits = screen.getByRole('region', { name: 'Rate limits, idempotency and errors' });
    expect(limits).toHaveTextContent('60 requests a minute per key');
    expect(limits).toHaveTextContent('Retry-After');
    expect(limits).toHaveTextContent('Idempotency-Key');
  });

  it('shows a section with commands for each common flow, set up for this site', () => {
    renderWithProviders(<DevelopersPage />, { route: '/developers' });

    for (const name of ['Search the catalogue', 'License a photo', 'Download a licensed file', 'Upload as a contributor', 'Receive webhooks']) {
      expect(screen.getByRole('region', { name })).toBeInTheDocument();
    }
    expect(screen.getByText(`export MEDIACOOP=${window.location.origin}`, { exact: false })).toBeInTheDocument();
    const license = screen.getByRole('region', { name: 'License a photo' });
    expect(within(license).getByText('POST /api/v1/orders')).toBeInTheDocument();
    const webhooks = screen.getByRole('region', { name: 'Receive webhooks' });
    expect(within(webhooks).getByRole('heading', { name: 'Node.js' })).toBeInTheDocument();
    expect(within(webhooks).getByRole('heading', { name: 'C#' })).toBeInTheDocument();
  });

  it('copies a command and says so', async () => {
    const { user } = renderWithProviders(<DevelopersPage />, { route: '/developers' });

    const license = screen.getByRole('region', { name: 'License a photo' });
    await user.click(within(license).getAllByRole('button', { name: /^Copy/ })[0]!);

    expect(await navigator.clipboard.readText()).toContain('curl -sS -X POST "$MEDIACOOP/api/v1/orders"');
    expect(within(license).getAllByRole('status')[0]).toHaveTextContent('Copied');
  });
});
