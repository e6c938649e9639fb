import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { SignUpForm } from './sign-up-form';

async function fillAndSubmit(user: ReturnType<typeof renderWithProviders>['user']) {
  await user.type(screen.getByLabelText('Display name'), 'Ana Photographer');
  await user.type(screen.getByLabelText('Email'), 'ana@example.test');
  await user.type(screen.getByLabelText('Password'), 'password12345');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('SignUpForm', () => {
  it('shows each validation error next to the field it concerns', async () => {
    const api = mockApi({
      'POST /api/v1/auth/register': () =>
        problem(400, {
          title: 'One or more validation errors occurred.',
          errors: {
            email: ['Enter an email address like name@example.com.'],
            password: ['This password is too common and would be guessed quickly. Choose another.'],
          },
        }),
    });
    const { user } = renderWithProviders(<SignUpForm />);

    await fillAndSubmit(user);

    const email = await screen.findByLabelText('Email');
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(email).toHaveAccessibleDescription('Error: Enter an email address like name@example.com.');
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('This password is too common'));
    expect(screen.getByLabelText('Display name')).not.toHaveAttribute('aria-invalid');
    // A pure validation problem needs no form-level alert, and focus lands on the first bad field.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(email).toHaveFocus();
    expect(api.last('POST /api/v1/auth/register')?.headers.get('X-XSRF-TOKEN')).toBe('test-token');
  });

  it('shows the conflict message and marks the email when it is already registered', async () => {
    mockApi({
      'POST /api/v1/auth/register': () =>
        problem(409, {
          title: 'Email already registered',
          detail: 'An account with this email already exists. Sign in instead, or use another email.',
          errors: { email: ['An account with this email already exists.'] },
        }),
    });
    const { user } = renderWithProviders(<SignUpForm />);

    await fillAndSubmit(user);

    expect(await screen.findByRole('alert')).toHaveTextContent('An account with this email already exists. Sign in instead');
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription('Error: An account with this email already exists.');
  });

  it('checks required fields and password length before calling the API', async () => {
    const api = mockApi();
    const { user } = renderWithProviders(<SignUpForm />);

    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription(
      'Error: Enter the name to show on your account. Shown on your account and, for contributors, next to your photographs.',
    );
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('Use at least 12 characters.'));
    expect(screen.getByLabelText('Display name')).toHaveFocus();
    expect(api.last('POST /api/v1/auth/register')).toBeUndefined();
  });
});
