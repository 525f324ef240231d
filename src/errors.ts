// One error type that maps to a stable HTTP body: {"error": {"code", "message", "details"}}.
// The codes are a closed set (ERROR_CODES), listed as an enum in the OpenAPI document.

export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'unsupported_media_type',
  'bad_request',
  'unauthorized',
  'insufficient_scope',
  'not_found',
  'conflict',
  'payload_too_large',
  'headers_too_large',
  'request_timeout',
  'unprocessable',
  'rate_limited',
  'idempotency_conflict',
  'idempotency_in_progress',
  'internal_error',
  'service_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  field?: string;
  message: string;
}

export class ApiError extends Error {
  /** Seconds a client should wait before trying again (sent as Retry-After), when it says. */
  retryAfterS: number | null = null;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  toBody(): { error: { code: ErrorCode; message: string; details: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const notFound = (what: string, id?: string) => new ApiError(404, 'not_found', id ? `No ${what} with id ${id}` : `No such ${what}`);

export const validation = (message: string, details: ErrorDetail[] = []) => new ApiError(400, 'validation_failed', message, details);

export const conflict = (message: string) => new ApiError(409, 'conflict', message);

export const unprocessable = (message: string, details: ErrorDetail[] = []) => new ApiError(422, 'unprocessable', message, details);

/** A 429: nothing was done; try again after `retryAfterS` seconds. */
export const rateLimited = (message: string, retryAfterS = 1) => Object.assign(new ApiError(429, 'rate_limited', message), { retryAfterS });
