import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { createTestQueryClient } from '@/testing/render';
import { routes } from './routes';

const me = {
  id: '0190a1b2-0000-7000-8000-000000000001',
  email: 'ana@example.test',
  displayName: 'Ana Photographer',
  roles: ['buyer'],
  membership: null,
  createdAt: '2026-01-02T03:04:05Z',
};

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user: userEvent.setup() };
}

describe('app', () => {
  it('sends a signed-out visitor from /account to sign in, then back to the account', async () => {
    let signedIn = false;
    mockApi({
      'GET /api/v1/me': () => (signedIn ? json(me) : json({ status: 401, title: 'Sign-in required' }, 401)),
      'POST /api/v1/auth/login': () => {
        signedIn = true;
        return json(me);
      },
    });
    const { router, user } = renderApp('/account');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/sign-in');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Sign in');
    expect(nav).toHaveTextContent('Sign up');

    await user.type(screen.getByLabelText('Email'), me.email);
    await user.type(screen.getByLabelText('Password'), 'correct horse battery staple 42');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Your account' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/account');
    expect(screen.getByRole('navigation', { name: 'Main' })).toHaveTextContent('Ana Photographer');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('signs out and returns home', async () => {
    mockApi({
      'GET /api/v1/me': () => json(me),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });
    const { router, user } = renderApp('/account');

    await user.click(await screen.findByRole('button', { name: 'Sign out' }));

    expect(await screen.findByRole('link', { name: 'Sign up' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('shows contributors the Upload and My portfolio links and pages', async () => {
    mockApi({ 'GET /api/v1/me': () => json({ ...me, roles: ['buyer', 'contributor'] }) });
    const { user } = renderApp('/account');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(await within(nav).findByRole('link', { name: 'Upload' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Upload photos' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'My portfolio' })).toHaveAttribute('href', '/portfolio');
  });

  it('tells a signed-in non-contributor that uploading is for contributors', async () => {
    mockApi({ 'GET /api/v1/me': () => json(me) });
    renderApp('/portfolio');

    expect(await screen.findByRole('heading', { level: 1, name: 'Uploading is for contributor members' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Apply to join as a contributor' })).toHaveAttribute('href', '/apply');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Upload' })).not.toBeInTheDocument();
  });

  it('tells a signed-in non-editor that reviewing is for editors, and links everyone to review times', async () => {
    mockApi({ 'GET /api/v1/me': () => json(me) });
    renderApp('/review');

    expect(await screen.findByRole('heading', { level: 1, name: 'Reviewing is for editors' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Review' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Footer' })).getByRole('link', { name: 'Review times' })).toHaveAttribute(
      'href',
      '/review/stats',
    );
    expect(within(screen.getByRole('navigation', { name: 'Footer' })).getByRole('link', { name: 'Developers' })).toHaveAttribute(
      'href',
      '/developers',
    );
  });

  it('shows editors and admins the Review link and the desk', async () => {
    mockApi({
      'GET /api/v1/me': () => json({ ...me, roles: ['admin'] }),
      'GET /api/v1/review/queue': () => json({ items: [], nextCursor: null, total: 0 }),
      'GET /api/v1/review/reasons': () => json({ items: [] }),
    });
    const { user } = renderApp('/account');

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await user.click(await within(nav).findByRole('link', { name: 'Review' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Review queue' })).toBeInTheDocument();
    expect(await screen.findByText('Nothing waiting for review. Well done.')).toBeInTheDocument();
  });
});
