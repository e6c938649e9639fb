import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { SignInForm } from './sign-in-form';

async function signIn(user: ReturnType<typeof renderWithProviders>['user'], password = 'wrong password 1') {
  await user.type(screen.getByLabelText('Email'), 'ana@example.test');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInForm', () => {
  it('shows the message of a 401', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        problem(401, { title: 'Sign-in failed', detail: 'The email or password is incorrect.' }),
    });
    const { user } = renderWithProviders(<SignInForm />);

    await signIn(user);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The email or password is incorrect.');
    expect(alert).toHaveFocus();
  });

  it('tells a throttled user how long to wait, from Retry-After', async () => {
    mockApi({
      'POST /api/v1/auth/login': () =>
        problem(
          429,
          { title: 'Too many attempts', detail: 'Too many attempts from your network. Wait a moment and try again.' },
          { 'Retry-After': '30' },
        ),
    });
    const { user } = renderWithProviders(<SignInForm />);

    await signIn(user);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts from your network. Wait a moment and try again. You can try again in 30 seconds.',
    );
  });

  it('sends the credentials with the antiforgery header and stores the user', async () => {
    const me = {
      id: '0190a1b2-0000-7000-8000-000000000001',
      email: 'ana@example.test',
      displayName: 'Ana',
      roles: ['buyer'],
      membership: null,
      createdAt: '2026-01-02T03:04:05Z',
    };
    const api = mockApi({ 'POST /api/v1/auth/login': () => json(me) });
    const { user, queryClient } = renderWithProviders(<SignInForm />);

    await signIn(user, 'correct horse battery staple 42');

    await vi.waitFor(() => expect(queryClient.getQueryData(['me'])).toEqual(me));
    const request = api.last('POST /api/v1/auth/login');
    expect(request?.headers.get('X-XSRF-TOKEN')).toBe('test-token');
    expect(await request?.json()).toEqual({ email: 'ana@example.test', password: 'correct horse battery staple 42' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
