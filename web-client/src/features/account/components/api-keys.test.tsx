import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ApiKeys } from './api-keys';

const existing = {
  id: '0193c5a0-0000-7000-8000-000000000001',
  name: 'Print shop sync',
  prefix: 'mcp_AbCdEfGh',
  scopes: ['catalog:read', 'licenses:read'],
  createdAt: '2026-11-20T10:00:00Z',
  lastUsedAt: null,
};

const fullKey = 'mcp_AbCdEfGhIjKlMnOpQrStUvWxYz0123450a1b2c';

describe('ApiKeys', () => {
  it('lists keys by prefix, name, scopes and when they were created and last used', async () => {
    mockApi({ 'GET /api/v1/me/api-keys': () => json({ keys: [existing] }) });
    renderWithProviders(<ApiKeys isContributor={false} />);
    const row = (await screen.findByRole('rowheader', { name: 'Print shop sync' })).closest('tr')!;
    expect(within(row).getByText('mcp_AbCdEfGh…')).toBeInTheDocument();
    expect(within(row).getByText('catalog:read, licenses:read')).toBeInTheDocument();
    expect(within(row).getByText('Never')).toBeInTheDocument();
  });

  it('creates a key with the chosen scopes and shows it once with a copy button and a warning', async () => {
    let keys: unknown[] = [];
    const api = mockApi({
      'GET /api/v1/me/api-keys': () => json({ keys }),
      'POST /api/v1/me/api-keys': async (request) => {
        const body = (await request.json()) as { name: string; scopes: string[] };
        keys = [{ ...existing, name: body.name, scopes: body.scopes }];
        return json({ id: existing.id, name: body.name, prefix: fullKey.slice(0, 12), scopes: body.scopes, createdAt: existing.createdAt, key: fullKey }, 201);
      },
    });
    const { user } = renderWithProviders(<ApiKeys isContributor />);
    expect(await screen.findByText('You have no API keys.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name'), 'Lightroom plug-in');
    await user.click(screen.getByRole('checkbox', { name: /uploads:write/ }));
    await user.click(screen.getByRole('checkbox', { name: /assets:read/ }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    const shown = await screen.findByLabelText('Your new API key');
    expect(shown).toHaveValue(fullKey);
    expect(screen.getByText(/this is the only time it is shown/)).toBeInTheDocument();
    expect(await api.last('POST /api/v1/me/api-keys')!.json()).toEqual({ name: 'Lightroom plug-in', scopes: ['uploads:write', 'assets:read'] });
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Key copied.')).toBeInTheDocument();
    // user-event stands in for the system clipboard.
    expect(await navigator.clipboard.readText()).toBe(fullKey);
    expect(await screen.findByRole('rowheader', { name: 'Lightroom plug-in' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByLabelText('Your new API key')).not.toBeInTheDocument();
  });

  it('offers contributor scopes only to contributors and asks for a name and a scope before sending', async () => {
    const api = mockApi({ 'GET /api/v1/me/api-keys': () => json({ keys: [] }) });
    const { user } = renderWithProviders(<ApiKeys isContributor={false} />);
    expect(screen.getByRole('checkbox', { name: /uploads:write/ })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /earnings:read/ })).toBeDisabled();
    expect(screen.getByRole('checkbox', { name: /catalog:read/ })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(/Name the key/);
    expect(screen.getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(api.last('POST /api/v1/me/api-keys')).toBeUndefined();
  });

  it('shows the server’s refusal, e.g. the 25-key limit', async () => {
    mockApi({
      'GET /api/v1/me/api-keys': () => json({ keys: [] }),
      'POST /api/v1/me/api-keys': () =>
        problem(409, { title: 'Too many API keys', detail: 'You can have up to 25 active API keys. Revoke one you no longer use, then create this one.' }),
    });
    const { user } = renderWithProviders(<ApiKeys isContributor={false} />);
    await user.type(screen.getByLabelText('Name'), 'One more');
    await user.click(screen.getByRole('checkbox', { name: /catalog:read/ }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText(/up to 25 active API keys/)).toBeInTheDocument();
  });

  it('revokes a key only after confirmation', async () => {
    let keys = [existing];
    const api = mockApi({
      'GET /api/v1/me/api-keys': () => json({ keys }),
      [`DELETE /api/v1/me/api-keys/${existing.id}`]: () => {
        keys = [];
        return new Response(null, { status: 204 });
      },
    });
    const { user } = renderWithProviders(<ApiKeys isContributor={false} />);
    await user.click(await screen.findByRole('button', { name: 'Revoke “Print shop sync”' }));
    expect(api.last(`DELETE /api/v1/me/api-keys/${existing.id}`)).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(api.last(`DELETE /api/v1/me/api-keys/${existing.id}`)).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Revoke “Print shop sync”' }));
    expect(screen.getByText(/Anything using it stops working at once/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(api.last(`DELETE /api/v1/me/api-keys/${existing.id}`)).toBeDefined());
    expect(await screen.findByText('You have no API keys.')).toBeInTheDocument();
  });
});
