// What every adapter does the same way: verify, deduplicate, run the handler, and pick the
// answer. The adapters only move bytes in and out of their framework.
import type { Secrets } from '../crypto.js';
import type { DedupStore } from '../dedup.js';
import type { RawBody } from '../encoding.js';
import { WebhookVerificationError, type ErrorBody } from '../errors.js';
import type { SalesOSEvent } from '../events.js';
import type { HeadersInput } from '../headers.js';
import { createVerifier, type VerifyOptions } from '../verify.js';

export interface WebhookHandlerOptions extends VerifyOptions {
  /**
   * Skips events whose id was already handled (answering 200 without calling the handler),
   * and forgets the id again when the handler throws, so SalesOS's retry is handled.
   */
  dedup?: DedupStore;
  /** Bodies above this size are refused with 413 before verification (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Called with what a handler threw (event set) or what broke the receiver itself, such as a
   * body already parsed by a JSON parser or an unreachable dedup store (event undefined). The
   * answer is then a 500 and SalesOS retries. Default: console.error.
   */
  onError?: (error: unknown, event: SalesOSEvent | undefined) => void;
}

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** An answer for the adapter to send as JSON. */
export interface JsonAnswer {
  status: number;
  body: ErrorBody | { received: true; duplicate?: true };
}

export const RECEIVED: JsonAnswer = { status: 200, body: { received: true } };
const DUPLICATE: JsonAnswer = { status: 200, body: { received: true, duplicate: true } };
const HANDLER_FAILED: JsonAnswer = {
  status: 500,
  body: { error: { code: 'handler_failed', message: 'the webhook handler failed; SalesOS will retry' } },
};
const INTERNAL_ERROR: JsonAnswer = {
  status: 500,
  body: { error: { code: 'internal_error', message: 'the webhook receiver failed; SalesOS will retry' } },
};

export const METHOD_NOT_ALLOWED: JsonAnswer = {
  status: 405,
  body: { error: { code: 'method_not_allowed', message: 'webhooks are POSTed' } },
};

export function tooLarge(limit: number): JsonAnswer {
  return { status: 413, body: { error: { code: 'payload_too_large', message: `the body exceeds ${limit} bytes` } } };
}

function rejected(error: WebhookVerificationError): JsonAnswer {
  return { status: 400, body: error.toJSON() };
}

export type Outcome<R> = { kind: 'answer'; answer: JsonAnswer } | { kind: 'handled'; result: R };

export interface Receiver {
  maxBodyBytes: number;
  /** Verifies and, for a new authentic event, runs `handle`. A thrown handler error propagates. */
  receive<R>(rawBody: RawBody, headers: HeadersInput, handle: (event: SalesOSEvent) => Promise<R> | R): Promise<Outcome<R>>;
  /** Reports an error thrown by `receive` (or the adapter) to `onError`; returns the 500 answer. */
  failed(error: unknown): JsonAnswer;
}

export function createReceiver(secrets: Secrets, options: WebhookHandlerOptions = {}): Receiver {
  const verifier = createVerifier(secrets, options);
  const { dedup } = options;
  const onError = options.onError ?? defaultOnError;
  return {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    async receive(rawBody, headers, handle) {
      let event: SalesOSEvent;
      try {
        event = await verifier(rawBody, headers);
      } catch (error) {
        if (error instanceof WebhookVerificationError) return { kind: 'answer', answer: rejected(error) };
        throw error;
      }
      if (dedup && !(await dedup.claim(event.id))) return { kind: 'answer', answer: DUPLICATE };
      try {
        return { kind: 'handled', result: await handle(event) };
      } catch (error) {
        if (dedup) await dedup.release(event.id);
        throw new HandlerError(error, event);
      }
    },
    failed(error) {
      if (error instanceof HandlerError) {
        onError(error.cause, error.event);
        return HANDLER_FAILED;
      }
      onError(error, undefined);
      return INTERNAL_ERROR;
    },
  };
}

/** Wraps what a user handler threw, so adapters can tell it from a verification failure. */
class HandlerError extends Error {
  constructor(
    cause: unknown,
    readonly event: SalesOSEvent,
  ) {
    super('the webhook handler failed', { cause });
    this.name = 'HandlerError';
  }
}

/** What the user's handler threw, for an error that `receive` wrapped; else the error itself. */
export function handlerCause(error: unknown): unknown {
  return error instanceof HandlerError ? error.cause : error;
}

function defaultOnError(error: unknown, event: SalesOSEvent | undefined): void {
  console.error(event ? `@salesos/webhooks: handler failed for ${event.type} ${event.id}:` : '@salesos/webhooks:', error);
}
