import { describe, expect, it, vi } from 'vitest';
import { FakeXhr, installFakeXhr } from '@/testing/fake-xhr';
import { ApiError } from './problem';
import { postMultipart, UploadAbortedError } from './upload';

const token = () => Promise.resolve({ headerName: 'X-XSRF-TOKEN', token: 't-1' });

function form() {
  const f = new FormData();
  f.append('file', new File(['x'], 'a.jpg'));
  return f;
}

describe('postMultipart', () => {
  it('posts the form with the antiforgery header and resolves with the JSON body', async () => {
    installFakeXhr();
    const progress = vi.fn();
    const handle = postMultipart('/api/v1/uploads', form(), { antiforgeryToken: token, baseUrl: 'http://app.test', onProgress: progress });

    await vi.waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    const xhr = FakeXhr.open()[0]!;
    expect([xhr.method, xhr.url, xhr.headers['X-XSRF-TOKEN'], xhr.withCredentials]).toEqual(['POST', 'http://app.test/api/v1/uploads', 't-1', false]);
    xhr.progress(25, 200);
    expect(progress).toHaveBeenCalledWith({ loaded: 25, total: 200, percent: 12 });
    xhr.respond(201, { id: 'a1' });

    await expect(handle.promise).resolves.toEqual({ id: 'a1' });
  });

  it('rejects with an ApiError carrying the problem, its extensions and Retry-After', async () => {
    installFakeXhr();
    const handle = postMultipart('/api/v1/uploads', form(), { antiforgeryToken: token, baseUrl: 'http://app.test' });
    await vi.waitFor(() => expect(FakeXhr.open()).toHaveLength(1));

    FakeXhr.open()[0]!.respond(429, { title: 'Quota', detail: 'Daily quota reached.', limit: 500 }, { 'Retry-After': '60' });

    const error = (await handle.promise.catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.message, error.retryAfterSeconds, error.problem?.limit]).toEqual([429, 'Daily quota reached.', 60, 500]);
  });

  it('abort, even before the token arrives, rejects with UploadAbortedError and sends nothing', async () => {
    installFakeXhr();
    const early = postMultipart('/api/v1/uploads', form(), { antiforgeryToken: token, baseUrl: 'http://app.test' });
    early.abort();
    await expect(early.promise).rejects.toBeInstanceOf(UploadAbortedError);
    expect(FakeXhr.instances.filter((x) => x.sent)).toHaveLength(0);

    const late = postMultipart('/api/v1/uploads', form(), { antiforgeryToken: token, baseUrl: 'http://app.test' });
    await vi.waitFor(() => expect(FakeXhr.open()).toHaveLength(1));
    late.abort();
    await expect(late.promise).rejects.toBeInstanceOf(UploadAbortedError);
  });
});
