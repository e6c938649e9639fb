/**
 * RFC 9457 problem details as the API sends them (`application/problem+json`). A failed call is
 * turned into an {@link ApiError} so hooks can throw it and forms can show each message next to
 * the field it concerns.
 */
import type { components } from './schema';

/** Validation problems add `errors`: field name (camelCase, as in the request JSON) → messages. */
export type ProblemDetails = components['schemas']['ProblemDetails'] &
  Partial<Pick<components['schemas']['HttpValidationProblemDetails'], 'errors'>>;

export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails | null;
  /** Seconds to wait, from the `Retry-After` header of a 429 (or 503). */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: ProblemDetails | null, retryAfterSeconds: number | null) {
    super(problem?.detail ?? problem?.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Builds an {@link ApiError} from what openapi-fetch returned for a non-2xx response. */
export function toApiError(error: unknown, response: Response): ApiError {
  return new ApiError(response.status, asProblem(error), parseRetryAfter(response.headers.get('Retry-After')));
}

/** Unwraps an openapi-fetch result: the data on 2xx, an {@link ApiError} thrown otherwise. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  // 204 and other empty bodies come back as undefined; the generated type says so too.
  return data as T;
}

function asProblem(body: unknown): ProblemDetails | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : null);
  // Extension members (`existingAssetId`, `missing`, …) are kept as sent; the standard ones are checked.
  const problem: ProblemDetails = {
    ...record,
    type: text('type'),
    title: text('title'),
    detail: text('detail'),
    instance: text('instance'),
    status: typeof record.status === 'number' ? record.status : null,
  };
  delete problem.errors;
  if (typeof record.errors === 'object' && record.errors !== null) {
    const errors: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(record.errors as Record<string, unknown>)) {
      const messages = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === 'string');
      if (messages.length > 0) errors[key] = messages;
    }
    problem.errors = errors;
  }
  return problem;
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** A problem's extension member when it is a string (e.g. `existingAssetId`). */
export function problemString(problem: ProblemDetails | null, key: string): string | null {
  const value = problem?.[key];
  return typeof value === 'string' ? value : null;
}

/** A problem's extension member when it is a list of strings (e.g. `missing`). */
export function problemStrings(problem: ProblemDetails | null, key: string): string[] {
  const value = problem?.[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
