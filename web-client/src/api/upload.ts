/**
 * Multipart uploads with progress. `fetch` cannot report how much of a request body has been sent,
 * so file uploads go through XMLHttpRequest instead of the openapi-fetch client — but with the same
 * session (same-origin cookies), the same antiforgery token and the same error type.
 */
import { antiforgeryToken as defaultToken, isAntiforgeryRejection, refreshAntiforgeryToken, type AntiforgeryToken } from './client';
import { toApiError } from './problem';
import type { paths } from './schema';

/** The operations of the contract whose request body is a multipart form: the only ones this path may post to. */
export type MultipartPath = {
  [P in keyof paths]: paths[P] extends { post: { requestBody: { content: { 'multipart/form-data': unknown } } } } ? P : never;
}[keyof paths];

type PostResponses<P extends MultipartPath> = paths[P] extends { post: { responses: infer R } } ? R : never;
type JsonBody<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** What a successful upload to `P` answers, as the contract (api/openapi.json) declares it. */
export type MultipartResult<P extends MultipartPath> = JsonBody<PostResponses<P>[Extract<keyof PostResponses<P>, 200 | 201>]>;

export type UploadProgress = { loaded: number; total: number; /** 0–100 */ percent: number };

export type UploadOptions = {
  /** Called as the body is sent. When it reaches 100% the server is still checking the file. */
  onProgress?: (progress: UploadProgress) => void;
  /** Origin the path is resolved against; the page's own by default. */
  baseUrl?: string;
  /** Looked up per call so tests can replace it. */
  createXhr?: () => XMLHttpRequest;
  antiforgeryToken?: () => Promise<AntiforgeryToken>;
};

export type UploadHandle<T> = {
  /** Resolves with the parsed JSON body on 2xx; rejects with an `ApiError`, {@link UploadAbortedError}, or a TypeError for network failures. */
  promise: Promise<T>;
  abort: () => void;
};

export class UploadAbortedError extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadAbortedError';
  }
}

/**
 * Sends `form` as multipart/form-data with POST; the browser sets the boundary. The path and the answer's type
 * come from the generated contract, like the openapi-fetch client's.
 */
export function postMultipart<P extends MultipartPath>(
  path: P,
  form: FormData,
  options: UploadOptions = {},
): UploadHandle<MultipartResult<P>> {
  type T = MultipartResult<P>;
  const xhr = (options.createXhr ?? (() => new XMLHttpRequest()))();
  let aborted = false;

  const promise = (async () => {
    const { headerName, token } = await (options.antiforgeryToken ?? defaultToken)();
    if (aborted) throw new UploadAbortedError();

    return new Promise<T>((resolve, reject) => {
      xhr.open('POST', new URL(path, options.baseUrl ?? globalThis.location?.origin).toString());
      // Same-origin cookies are always sent by XHR; never send them cross-origin.
      xhr.withCredentials = false;
      xhr.setRequestHeader(headerName, token);
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      xhr.responseType = 'text';

      xhr.upload.onprogress = (event) => {
        if (!event.lengthComputable || event.total === 0) return;
        options.onProgress?.({
          loaded: event.loaded,
          total: event.total,
          percent: Math.min(100, Math.floor((event.loaded / event.total) * 100)),
        });
      };
      xhr.onload = () => {
        const body = parseJson(xhr.responseText);
        const response = new Response(null, {
          status: xhr.status,
          headers: retryAfterHeaders(xhr.getResponseHeader('Retry-After')),
        });
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(body as T);
          return;
        }
        // Same recovery as the fetch client: a rejected token is replaced so a retry succeeds.
        if (isAntiforgeryRejection(xhr.status, body)) void refreshAntiforgeryToken().catch(() => undefined);
        reject(toApiError(body, response));
      };
      xhr.onerror = () => reject(new TypeError('Network error while uploading.'));
      xhr.ontimeout = () => reject(new TypeError('The upload timed out.'));
      xhr.onabort = () => reject(new UploadAbortedError());
      xhr.send(form);
    });
  })();

  return {
    promise,
    abort: () => {
      aborted = true;
      xhr.abort();
    },
  };
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function retryAfterHeaders(value: string | null): Record<string, string> {
  return value === null ? {} : { 'Retry-After': value };
}
