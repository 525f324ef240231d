// @salesos/webhooks: verify SalesOS webhook deliveries (Standard Webhooks signatures) and
// handle them as typed events. No runtime dependencies; Web Crypto only.
// This entry runs, and its declarations compile, on any runtime with Web Crypto and Fetch:
// nothing here may name a Node.js module or type. The Node-only middleware has its own
// entries: @salesos/webhooks/node, /express and /fastify (src/middleware/).
export { verify, createVerifier, DEFAULT_TOLERANCE_SECONDS, type VerifyOptions, type Verifier } from './verify.js';
export { sign, signHeaders, generateSecret, type SignInput, type SignHeadersInput, type SignedHeaders } from './sign.js';
export type { Secret, Secrets } from './crypto.js';
export type { RawBody } from './encoding.js';
export type { HeadersInput, HeadersLike, HeaderRecord } from './headers.js';
export { WebhookVerificationError, isWebhookVerificationError, VERIFICATION_ERROR_CODES, type VerificationErrorCode, type ErrorBody } from './errors.js';
export * from './events.js';
export type * from './resources.js';
export {
  MemoryDedupStore,
  RedisDedupStore,
  DEFAULT_DEDUP_TTL_SECONDS,
  type DedupStore,
  type MemoryDedupStoreOptions,
  type RedisClientLike,
  type RedisDedupStoreOptions,
} from './dedup.js';
export { DEFAULT_MAX_BODY_BYTES, type WebhookHandlerOptions } from './middleware/core.js';
export { fetchHandler, verifyRequest, type FetchWebhookHandler, type RequestLike } from './middleware/fetch.js';
export {
  ORDERINGS,
  type Ordering,
  type WebhookSettings,
  type WebhookSettingsInput,
  type WebhookHeaderValue,
  type MaskedSecretHeader,
  type Webhook,
} from './settings.js';
export { FILTER_OPERATORS, FILTER_LIMITS, type Filter, type FilterComparison, type FilterOperator, type FilterScalar } from './filter.js';
