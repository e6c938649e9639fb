import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ProfileForm } from './profile-form';

const profile = { handle: 'bea-buyer', displayName: 'Bea Buyer', bio: null, avatar: null };

describe('ProfileForm', () => {
  it('puts the server’s message about a taken handle next to the handle field', async () => {
    const api = mockApi({
      'PUT /api/v1/me/profile': () =>
        problem(409, { title: 'Handle taken', detail: 'The handle “ana-okafor” is taken. Choose another.', errors: { handle: ['The handle “ana-okafor” is taken. Choose another.'] } }),
    });
    const { user } = renderWithProviders(<ProfileForm profile={profile} />);
    const handle = screen.getByLabelText('Handle');
    await user.clear(handle);
    await user.type(handle, 'Ana-Okafor');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    await waitFor(() => expect(api.last('PUT /api/v1/me/profile')).toBeDefined());
    expect(await api.last('PUT /api/v1/me/profile')!.json()).toEqual({ handle: 'ana-okafor', displayName: 'Bea Buyer', bio: null });
    await waitFor(() => expect(handle).toHaveAccessibleDescription(/is taken\. Choose another\./));
  });

  it('checks the handle format before sending', async () => {
    const api = mockApi();
    const { user } = renderWithProviders(<ProfileForm profile={profile} />);
    const handle = screen.getByLabelText('Handle');
    await user.clear(handle);
    await user.type(handle, 'no spaces!');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(handle).toHaveAccessibleDescription(/Use 3 to 40 lowercase letters/);
    expect(handle).toHaveFocus();
    expect(api.last('PUT /api/v1/me/profile')).toBeUndefined();
  });

  it('shows a validation problem next to the field it names and confirms a save', async () => {
    let attempt = 0;
    mockApi({
      'PUT /api/v1/me/profile': async (request) => {
        attempt += 1;
        if (attempt === 1) return problem(400, { title: 'One or more validation errors occurred.', errors: { Handle: ['“admin” is reserved.'] } });
        return json({ ...profile, ...((await request.json()) as object) });
      },
    });
    const { user } = renderWithProviders(<ProfileForm profile={profile} />);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('“admin” is reserved.')).toBeInTheDocument();
    expect(screen.getByLabelText('Handle')).toHaveAccessibleDescription(/“admin” is reserved\./);

    await user.type(screen.getByLabelText('Bio'), 'Coastal photographer.');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('Profile saved.')).toBeInTheDocument();
  });
});
