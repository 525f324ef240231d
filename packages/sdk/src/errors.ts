/** Why a delivery was rejected. Stable strings: match on these, not on messages. */
export type VerificationErrorCode = 'missing_header' | 'invalid_signature' | 'timestamp_too_old' | 'timestamp_too_new' | 'malformed_payload';

export const VERIFICATION_ERROR_CODES: readonly VerificationErrorCode[] = [
  'missing_header',
  'invalid_signature',
  'timestamp_too_old',
  'timestamp_too_new',
  'malformed_payload',
];

/**
 * Thrown by `verify` when a request is not an authentic, fresh SalesOS delivery. Answer it with
 * a 4xx (the middleware answers 400): SalesOS then retries, which is what you want if your
 * secret was out of date, and harmless if the request was forged.
 */
export class WebhookVerificationError extends Error {
  readonly code: VerificationErrorCode;

  constructor(code: VerificationErrorCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }

  /** The JSON body the middleware answers with: `{"error": {"code", "message"}}`. */
  toJSON(): ErrorBody {
    return { error: { code: this.code, message: this.message } };
  }
}

/** The shape of every error answer the middleware sends (same as the SalesOS API's errors). */
export interface ErrorBody {
  error: { code: string; message: string };
}

export function isWebhookVerificationError(value: unknown): value is WebhookVerificationError {
  return value instanceof WebhookVerificationError;
}
