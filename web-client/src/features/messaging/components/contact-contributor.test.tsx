import { act, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { json, mockApi, problem } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ANA, ASSET, THREAD, signedIn } from '../testing/fixtures';
import { ContactContributor, type ContactTarget } from './contact-contributor';

const target: ContactTarget = { id: ANA, handle: 'ana-okafor', displayName: 'Ana Okafor', asset: { id: ASSET, title: 'Harbour lights' } };

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search + JSON.stringify(location.state ?? null)}</p>;
}

function renderContact(handlers: Parameters<typeof mockApi>[0] = {}, route = '/assets/x') {
  const api = mockApi({
    'GET /api/v1/me': () => json(signedIn()),
    'GET /api/v1/me/profile': () => json({ handle: 'bea-buyer', displayName: 'Bea Buyer', bio: null, avatar: null }),
    ...handlers,
  });
  const view = renderWithProviders(
    <Routes>
      <Route path="/assets/:id" element={<ContactContributor target={target} />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route },
  );
  return { api, ...view };
}

describe('ContactContributor', () => {
  it('sends a commission request with the budget in minor units and the deadline, then opens the thread', async () => {
    const { api, user } = renderContact({ 'POST /api/v1/threads': () => json({ id: THREAD }, 201) });
    await user.click(await screen.findByRole('button', { name: 'Request a commission' }));
    const dialog = screen.getByRole('dialog', { name: 'Request a commission from Ana Okafor' });
    expect(within(dialog).getByRole('radio', { name: /A commission request/ })).toBeChecked();
    expect(within(dialog).getByRole('textbox', { name: 'Subject' })).toHaveValue('Harbour lights');

    await user.type(within(dialog).getByRole('textbox', { name: /Your brief/ }), 'Ten photos of the **harbour** at dawn.');
    await user.type(within(dialog).getByRole('textbox', { name: /Budget/ }), '1,250.50');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Currency' }), 'EUR');
    await user.type(within(dialog).getByLabelText(/Deadline/), '2099-12-24');
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }));

    expect(await screen.findByTestId('where')).toHaveTextContent(`/inbox/${THREAD}`);
    const sent = await api.last('POST /api/v1/threads')!.json();
    expect(sent).toEqual({
      recipientId: ANA,
      kind: 'commission',
      subject: 'Harbour lights',
      body: 'Ten photos of the **harbour** at dawn.',
      assetId: ASSET,
      budget: { amount: 125050, currency: 'EUR' },
      deadline: '2099-12-24',
    });
  });

  it('asks a plain question without commission fields, and checks before sending', async () => {
    const { api, user } = renderContact({ 'POST /api/v1/threads': () => json({ id: THREAD }, 201) });
    await user.click(await screen.findByRole('button', { name: 'Contact Ana Okafor' }));
    const dialog = screen.getByRole('dialog', { name: 'Contact Ana Okafor' });
    expect(within(dialog).queryByRole('textbox', { name: /Budget/ })).not.toBeInTheDocument();
    expect(within(dialog).queryByLabelText(/Deadline/)).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Send message' }));
    const body = within(dialog).getByRole('textbox', { name: /Message/ });
    expect(body).toHaveAccessibleDescription(/Write your question/);
    expect(body).toHaveFocus();
    expect(api.last('POST /api/v1/threads')).toBeUndefined();

    await user.type(body, 'Is there a vertical version?');
    await user.click(within(dialog).getByRole('button', { name: 'Send message' }));
    await screen.findByTestId('where');
    expect(await api.last('POST /api/v1/threads')!.json()).toEqual({
      recipientId: ANA,
      kind: 'question',
      subject: 'Harbour lights',
      body: 'Is there a vertical version?',
      assetId: ASSET,
    });
  });

  it('refuses a budget that is not an amount before sending', async () => {
    const { api, user } = renderContact();
    await user.click(await screen.findByRole('button', { name: 'Request a commission' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /Your brief/ }), 'A brief');
    await user.type(within(dialog).getByRole('textbox', { name: /Budget/ }), 'lots');
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(within(dialog).getByRole('textbox', { name: /Budget/ })).toHaveAccessibleDescription(/Enter the budget as a number/);
    expect(api.last('POST /api/v1/threads')).toBeUndefined();
  });

  it('shows the server’s problem details: field errors by their field, a block as a form message', async () => {
    let answer = problem(400, { title: 'Invalid', errors: { 'budget.amount': ['A budget is a positive amount in minor units.'] } });
    const { user } = renderContact({ 'POST /api/v1/threads': () => answer });
    await user.click(await screen.findByRole('button', { name: 'Request a commission' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: /Your brief/ }), 'A brief');
    await user.type(within(dialog).getByRole('textbox', { name: /Budget/ }), '10');
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(await within(dialog).findByText(/A budget is a positive amount/)).toBeInTheDocument();

    answer = problem(403, { title: 'Blocked', detail: 'Ana Okafor doesn’t accept messages from you.' });
    await user.click(within(dialog).getByRole('button', { name: 'Send request' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Ana Okafor doesn’t accept messages from you.');
  });

  it('sends a signed-out visitor to sign in, coming back with the dialog open', async () => {
    const { user } = renderContact({ 'GET /api/v1/me': () => problem(401, { title: 'Sign in' }) });
    await user.click(await screen.findByRole('link', { name: 'Request a commission' }));
    expect(screen.getByTestId('where')).toHaveTextContent('/sign-in{"from":"/assets/x?contact=commission"}');
  });

  it('opens the dialog when coming back from signing in', async () => {
    renderContact({}, '/assets/x?contact=commission');
    expect(await screen.findByRole('dialog', { name: 'Request a commission from Ana Okafor' })).toBeInTheDocument();
  });

  it('is not offered on your own photos', async () => {
    const { api } = renderContact({
      'GET /api/v1/me/profile': () => json({ handle: 'ana-okafor', displayName: 'Ana', bio: null, avatar: null }),
    });
    await waitFor(() => expect(api.last('GET /api/v1/me/profile')).toBeDefined());
    // Give the answer a chance to render anything it would.
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(screen.queryByRole('button', { name: 'Contact Ana Okafor' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Request a commission' })).not.toBeInTheDocument();
  });
});
