import { vi } from 'vitest';

/**
 * A stand-in for XMLHttpRequest in unit tests: records each request and lets the test drive
 * upload progress and the response.
 */
export class FakeXhr {
  static instances: FakeXhr[] = [];

  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  withCredentials = false;
  responseType = '';
  status = 0;
  responseText = '';
  aborted = false;
  sent = false;
  private responseHeaders: Record<string, string> = {};

  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.instances.push(this);
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  getResponseHeader(name: string): string | null {
    const key = Object.keys(this.responseHeaders).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : (this.responseHeaders[key] ?? null);
  }

  send(body: unknown) {
    this.body = body;
    this.sent = true;
  }

  abort() {
    if (this.aborted || !this.sent) return;
    this.aborted = true;
    this.onabort?.();
  }

  /** Reports `loaded` of `total` bytes sent. */
  progress(loaded: number, total = 100) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }

  respond(status: number, body: unknown, headers: Record<string, string> = {}) {
    this.status = status;
    this.responseText = body === null ? '' : JSON.stringify(body);
    this.responseHeaders = { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json', ...headers };
    this.onload?.();
  }

  /** The form field `name` of a multipart body. */
  field(name: string): FormDataEntryValue | null {
    return this.body instanceof FormData ? this.body.get(name) : null;
  }

  /** Requests that were sent and have not been answered or aborted. */
  static open() {
    return FakeXhr.instances.filter((x) => x.sent && !x.aborted && x.status === 0);
  }
}

export function installFakeXhr() {
  FakeXhr.instances = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return FakeXhr;
}
