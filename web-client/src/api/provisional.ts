import { api } from './client';

type Params = { params?: { query?: Record<string, unknown>; path?: Record<string, unknown> }; body?: unknown };
type Result = Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * PROVISIONAL: the same client (cookie, antiforgery header, problem details) without path typing,
 * for endpoints written against a brief before they are in api/openapi.json. Delete once generated.
 */
export const untypedApi = api as unknown as {
  GET(path: string, init?: Params): Result;
  POST(path: string, init?: Params): Result;
  PUT(path: string, init?: Params): Result;
};
