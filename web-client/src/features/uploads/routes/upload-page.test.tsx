import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { FakeXhr, installFakeXhr } from '@/testing/fake-xhr';
import { mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { UploadPage } from './upload-page';

function jpeg(name: string, size = 1000) {
  return new File([new Uint8Array(size)], name, { type: 'image/jpeg' });
}

function chooseFiles(files: File[]) {
  fireEvent.change(screen.getByLabelText(/choose files/i), { target: { files } });
}

function row(name: string) {
  const item = screen.getByText(name, { selector: '.upload__name' }).closest('li');
  if (!item) throw new Error(`No row for ${name}`);
  return within(item);
}

const asset = (id: string) => ({ id, status: 'processing' });

describe('UploadPage', () => {
  beforeEach(() => {
    installFakeXhr();
    mockApi();
  });

  it('renders each file’s progress from the XHR, then processing, then done', async () => {
    renderWithProviders(<UploadPage />);
    chooseFiles([jpeg('beach.jpg')]);

    await waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    const xhr = FakeXhr.open()[0]!;
    expect(xhr.method).toBe('POST');
    expect(new URL(xhr.url).pathname).toBe('/api/v1/uploads');
    expect(xhr.headers['X-XSRF-TOKEN']).toBe('test-token');
    expect((xhr.field('file') as File).name).toBe('beach.jpg');

    act(() => xhr.progress(42));
    const bar = row('beach.jpg').getByRole('progressbar', { name: 'Upload progress for beach.jpg' });
    expect(bar).toHaveAttribute('value', '42');
    expect(row('beach.jpg').getByText('Uploading 42%')).toBeInTheDocument();

    act(() => xhr.progress(100));
    expect(row('beach.jpg').getByText('Processing')).toBeInTheDocument();

    act(() => xhr.respond(201, asset('a1')));
    expect(await row('beach.jpg').findByText('Done')).toBeInTheDocument();
    expect(row('beach.jpg').getByRole('link', { name: 'Edit details for beach.jpg' })).toHaveAttribute('href', '/portfolio/a1');
    expect(await screen.findByRole('heading', { name: '1 uploaded, 0 rejected' })).toBeInTheDocument();
  });

  it('uploads at most three files at a time, starting the next when one finishes', async () => {
    renderWithProviders(<UploadPage />);
    chooseFiles(['1.jpg', '2.jpg', '3.jpg', '4.jpg', '5.png'].map((n) => jpeg(n)));

    await waitFor(() => expect(FakeXhr.open()).toHaveLength(3));
    expect(FakeXhr.open().map((x) => (x.field('file') as File).name)).toEqual(['1.jpg', '2.jpg', '3.jpg']);
    expect(row('4.jpg').getByText('Queued')).toBeInTheDocument();

    act(() => FakeXhr.open()[1]!.respond(201, asset('a2')));
    await waitFor(() => expect(FakeXhr.open().map((x) => (x.field('file') as File).name)).toEqual(['1.jpg', '3.jpg', '4.jpg']));
    expect(FakeXhr.instances.filter((x) => x.sent)).toHaveLength(4);
    expect(row('5.png').getByText('Queued')).toBeInTheDocument();
  });

  it('cancel aborts the request; retry sends the file again', async () => {
    const { user } = renderWithProviders(<UploadPage />);
    chooseFiles([jpeg('river.jpg')]);
    await waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    const first = FakeXhr.open()[0]!;
    act(() => first.progress(30));

    await user.click(screen.getByRole('button', { name: 'Cancel river.jpg' }));

    expect(first.aborted).toBe(true);
    expect(await row('river.jpg').findByText('Cancelled')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '0 uploaded, 0 rejected, 1 cancelled' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Retry river.jpg' }));

    await waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    const second = FakeXhr.open()[0]!;
    expect(second).not.toBe(first);
    expect((second.field('file') as File).name).toBe('river.jpg');
    act(() => second.respond(201, asset('a3')));
    expect(await row('river.jpg').findByText('Done')).toBeInTheDocument();
  });

  it('summarises rejections with the server’s reasons, a link to the duplicate and when to retry', async () => {
    renderWithProviders(<UploadPage />);
    chooseFiles([jpeg('dupe.jpg'), jpeg('fake.jpg'), jpeg('quota.jpg'), jpeg('ok.jpg')]);
    await waitFor(() => expect(FakeXhr.open()).toHaveLength(3));
    const [dupe, fake, quota] = FakeXhr.open() as [FakeXhr, FakeXhr, FakeXhr];

    act(() =>
      dupe.respond(409, {
        title: 'Duplicate photo',
        detail: 'You have already uploaded this photo.',
        existingAssetId: 'existing-1',
      }),
    );
    act(() => fake.respond(415, { title: 'Not a JPEG or PNG photo' }));
    act(() => quota.respond(429, { title: 'Upload quota reached', detail: 'You can upload 500 files a day.' }, { 'Retry-After': '120' }));
    await waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    act(() => FakeXhr.open()[0]!.respond(201, asset('a4')));

    const summary = await screen.findByRole('region', { name: '1 uploaded, 3 rejected' });
    expect(summary).toHaveTextContent('dupe.jpg: You have already uploaded this photo.');
    expect(summary).toHaveTextContent('fake.jpg: Not a JPEG or PNG photo');
    expect(summary).toHaveTextContent('quota.jpg: You can upload 500 files a day. You can try again in 2 minutes.');
    expect(within(summary).getByRole('link', { name: 'View the existing photo' })).toHaveAttribute('href', '/portfolio/existing-1');
    // A quota refusal can be retried later; a non-photo cannot.
    expect(screen.getByRole('button', { name: 'Retry quota.jpg' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry fake.jpg' })).not.toBeInTheDocument();
  });

  it('refuses other file types before sending them', async () => {
    renderWithProviders(<UploadPage />);
    chooseFiles([new File(['GIF89a'], 'anim.gif', { type: 'image/gif' })]);

    expect(await screen.findByRole('heading', { name: '0 uploaded, 1 rejected' })).toBeInTheDocument();
    expect(row('anim.gif').getByText(/Only JPEG and PNG photos/)).toBeInTheDocument();
    expect(FakeXhr.instances).toHaveLength(0);
  });
});
