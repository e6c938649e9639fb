import { ApiError, problemString } from '@/api/problem';
import type { UploadHandle, UploadProgress } from '@/api/upload';
import { UploadAbortedError } from '@/api/upload';
import { retryAfterText } from '@/lib/form-errors';

export type UploadStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'rejected' | 'cancelled';

export type Rejection = {
  message: string;
  /** Set when the file is an exact duplicate of one of the uploader's own assets. */
  existingAssetId: string | null;
  /** False for files refused before sending (wrong type, too big): retrying cannot help. */
  retryable: boolean;
};

export type UploadItem = {
  id: string;
  file: File;
  status: UploadStatus;
  /** 0–100, how much of the file has been sent. */
  percent: number;
  rejection: Rejection | null;
  /** The created asset's id once the server has accepted the file. */
  assetId: string | null;
};

export type UploadFn = (file: File, onProgress: (progress: UploadProgress) => void) => UploadHandle<{ id: string }>;

export const ACCEPTED_EXTENSIONS = ['.jpg', '.jpeg', '.png'] as const;
/** The server's default per-file limit; it decides, this only spares a pointless upload. */
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/**
 * Uploads files, each in its own request, at most `concurrency` at a time, in the order added.
 * A plain store (subscribe/getSnapshot) so React renders it with useSyncExternalStore and tests
 * can drive it without a component.
 */
export class UploadQueue {
  private items: UploadItem[] = [];
  private readonly handles = new Map<string, UploadHandle<{ id: string }>>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  constructor(
    private readonly upload: UploadFn,
    private readonly options: { concurrency?: number; maxBytes?: number } = {},
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.items;

  add(files: Iterable<File>) {
    const added: UploadItem[] = [];
    for (const file of files) {
      const precheck = this.precheck(file);
      added.push({
        id: `upload-${this.nextId++}`,
        file,
        status: precheck ? 'rejected' : 'queued',
        percent: 0,
        rejection: precheck ? { message: precheck, existingAssetId: null, retryable: false } : null,
        assetId: null,
      });
    }
    if (added.length === 0) return;
    this.items = [...this.items, ...added];
    this.pump();
    this.emit();
  }

  cancel(id: string) {
    const item = this.find(id);
    if (!item) return;
    if (item.status === 'queued') {
      this.update(id, { status: 'cancelled' });
    } else if (item.status === 'uploading' || item.status === 'processing') {
      // The abort handler marks it cancelled and starts the next file.
      this.handles.get(id)?.abort();
    }
  }

  retry(id: string) {
    const item = this.find(id);
    if (!item || !(item.status === 'cancelled' || (item.status === 'rejected' && item.rejection?.retryable))) return;
    this.update(id, { status: 'queued', percent: 0, rejection: null }, false);
    this.pump();
    this.emit();
  }

  /** Removes finished rows (done, rejected, cancelled). */
  clearFinished() {
    this.items = this.items.filter((i) => i.status === 'queued' || i.status === 'uploading' || i.status === 'processing');
    this.emit();
  }

  /** Aborts everything in flight, e.g. when the page is left. */
  dispose() {
    for (const handle of this.handles.values()) handle.abort();
    this.handles.clear();
  }

  private precheck(file: File): string | null {
    const name = file.name.toLowerCase();
    if (!ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      return 'Only JPEG and PNG photos can be uploaded (.jpg, .jpeg, .png).';
    }
    const max = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (file.size > max) return `The file is larger than the ${formatBytes(max)} limit.`;
    if (file.size === 0) return 'The file is empty.';
    return null;
  }

  private pump() {
    const limit = this.options.concurrency ?? 3;
    let active = this.items.filter((i) => i.status === 'uploading' || i.status === 'processing').length;
    for (const item of this.items) {
      if (active >= limit) break;
      if (item.status !== 'queued') continue;
      active += 1;
      this.start(item);
    }
  }

  private start(item: UploadItem) {
    this.update(item.id, { status: 'uploading', percent: 0 }, false);
    const handle = this.upload(item.file, ({ percent }) => {
      const current = this.find(item.id);
      if (!current || current.status !== 'uploading') return;
      // Every byte sent: the server is now storing and checking the file.
      this.update(item.id, percent >= 100 ? { status: 'processing', percent: 100 } : { percent });
    });
    this.handles.set(item.id, handle);
    handle.promise.then(
      (asset) => this.settle(item.id, { status: 'done', percent: 100, assetId: asset.id }),
      (error: unknown) =>
        this.settle(
          item.id,
          error instanceof UploadAbortedError
            ? { status: 'cancelled' }
            : { status: 'rejected', rejection: rejectionFrom(error) },
        ),
    );
  }

  private settle(id: string, patch: Partial<UploadItem>) {
    this.handles.delete(id);
    this.update(id, patch, false);
    this.pump();
    this.emit();
  }

  private find(id: string) {
    return this.items.find((i) => i.id === id);
  }

  private update(id: string, patch: Partial<UploadItem>, emit = true) {
    this.items = this.items.map((i) => (i.id === id ? { ...i, ...patch } : i));
    if (emit) this.emit();
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }
}

/** What the photographer reads: the server's own words (detail, else title), plus when to retry. */
export function rejectionFrom(error: unknown): Rejection {
  if (!(error instanceof ApiError)) {
    return { message: 'The upload failed: we could not reach MediaCoop. Check your connection and retry.', existingAssetId: null, retryable: true };
  }
  let message = error.problem?.detail ?? error.problem?.title ?? fallback(error.status);
  if (error.status === 429 && error.retryAfterSeconds !== null && !/try again in/i.test(message)) {
    message = `${message} ${retryAfterText(error.retryAfterSeconds)}`;
  }
  return {
    message,
    existingAssetId: error.status === 409 ? problemString(error.problem, 'existingAssetId') : null,
    // A duplicate, an oversized file or a non-photo is refused again for what it is; quotas,
    // outages and a stale antiforgery token pass, so those can be retried.
    retryable: ![409, 413, 415].includes(error.status),
  };
}

function fallback(status: number): string {
  if (status === 413) return 'The file is too large.';
  if (status === 415) return 'Only JPEG and PNG photos can be uploaded.';
  if (status === 429) return 'You have reached your upload quota.';
  if (status >= 500) return 'Something went wrong on our side. Retry in a moment.';
  return `The upload was refused (${status}).`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
