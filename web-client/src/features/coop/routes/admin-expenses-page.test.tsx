import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, installFakeXhr } from '@/testing/fake-xhr';
import { mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { AdminExpensesPage } from './admin-expenses-page';

async function fill(user: ReturnType<typeof renderWithProviders>['user'], receipt?: File) {
  await user.type(screen.getByLabelText('Category'), 'hosting');
  await user.type(screen.getByLabelText('Amount'), '149.90');
  fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-02' } });
  await user.type(screen.getByLabelText('Description'), 'Servers for November');
  if (receipt) fireEvent.change(screen.getByLabelText(/Receipt/), { target: { files: [receipt] } });
}

describe('AdminExpensesPage', () => {
  beforeEach(() => {
    installFakeXhr();
    mockApi();
  });

  it('sends the expense and its receipt as multipart, showing the upload’s progress', async () => {
    const { user } = renderWithProviders(<AdminExpensesPage />);
    const receipt = new File([new Uint8Array(2000)], 'invoice.pdf', { type: 'application/pdf' });
    await fill(user, receipt);
    await user.click(screen.getByRole('button', { name: 'Record the expense' }));

    await waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    const xhr = FakeXhr.open()[0]!;
    expect(new URL(xhr.url).pathname).toBe('/api/v1/admin/expenses');
    expect(xhr.headers['X-XSRF-TOKEN']).toBe('test-token');
    expect(xhr.field('category')).toBe('hosting');
    expect(xhr.field('amount')).toBe('14990');
    expect(xhr.field('currency')).toBe('USD');
    expect(xhr.field('occurredOn')).toBe('2026-11-02');
    expect((xhr.field('receipt') as File).name).toBe('invoice.pdf');

    act(() => xhr.progress(40));
    expect(screen.getByRole('progressbar', { name: 'Receipt upload progress' })).toHaveAttribute('value', '40');
    expect(screen.getByText('Uploading 40%')).toBeInTheDocument();

    act(() =>
      xhr.respond(201, {
        id: 'e1', category: 'hosting', amount: { amount: 14990, currency: 'USD' }, occurredOn: '2026-11-02', description: 'Servers for November',
        receipt: { name: 'invoice.pdf', contentType: 'application/pdf', byteSize: 2000, url: '/api/v1/coop/expenses/e1/receipt' },
        journalId: 'j1', recordedAt: '2026-11-27T10:00:00Z',
      }),
    );
    expect(await screen.findByText('Expense recorded')).toBeInTheDocument();
    expect(screen.getByText(/Servers for November: \$149\.90/)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('checks the form before sending anything', async () => {
    const { user } = renderWithProviders(<AdminExpensesPage />);
    await fill(user, new File(['x'], 'receipt.gif', { type: 'image/gif' }));
    await user.clear(screen.getByLabelText('Amount'));
    await user.type(screen.getByLabelText('Amount'), 'twelve');
    await user.click(screen.getByRole('button', { name: 'Record the expense' }));
    expect(screen.getByLabelText('Amount')).toHaveAccessibleDescription(/Enter the amount paid/);
    expect(screen.getByLabelText(/Receipt/)).toHaveAccessibleDescription(/must be a PDF, JPEG or PNG/);
    expect(screen.getByLabelText('Amount')).toHaveFocus();
    expect(FakeXhr.instances.filter((x) => x.sent)).toHaveLength(0);
  });

  it('puts the server’s validation messages next to their fields', async () => {
    const { user } = renderWithProviders(<AdminExpensesPage />);
    await fill(user, new File([new Uint8Array(10)], 'invoice.png', { type: 'image/png' }));
    await user.click(screen.getByRole('button', { name: 'Record the expense' }));
    await waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    act(() =>
      FakeXhr.open()[0]!.respond(400, {
        title: 'Validation failed', status: 400, errors: { category: ['Choose one of: hosting, software, legal, other.'] },
      }),
    );
    expect(await screen.findByText(/Choose one of: hosting, software, legal, other\./)).toBeInTheDocument();
    expect(screen.getByLabelText('Category')).toHaveAccessibleDescription(/Choose one of/);
  });
});
