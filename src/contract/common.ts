// Shared request/response schemas. These TypeBox schemas validate requests (Ajv), type the
// handlers and generate the OpenAPI document: one source for all three. An object schema with a
// `title` becomes a named component of the document (src/http/openapi.ts).
import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox';
import { ERROR_CODES } from '../errors.ts';
import { exampleId, idPattern, type IdPrefix } from '../ids.ts';

/** A string enum as a plain JSON Schema `enum`: one clear validation message, one OpenAPI enum. */
export function StringEnum<const T extends readonly string[]>(values: T, opts: { description?: string; default?: T[number]; examples?: T[number][] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}

/** A primitive or null, as one `type: [..., "null"]`, so that a bad value gets one clear error. */
export const Nullable = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, type: [s.type as string, 'null'] });

/** A response object: every field always present (null rather than missing), nothing else. */
export const Shape = <P extends TProperties>(title: string, props: P, description?: string) =>
  Type.Object(props, { title, additionalProperties: false, ...(description ? { description } : {}) });

/** An id of one prefix, as the server issues them (`wh_` + 26 Crockford base32 characters). */
export const Id = (prefix: IdPrefix, description?: string) =>
  Type.String({ pattern: idPattern(prefix), examples: [exampleId(prefix)], ...(description ? { description } : {}) });
export const NullableId = (prefix: IdPrefix, description?: string) =>
  Type.Unsafe<string | null>({ type: ['string', 'null'], pattern: idPattern(prefix), examples: [exampleId(prefix)], ...(description ? { description } : {}) });

/** What went wrong: the `error` of every error answer (and of a failed item of a batch). */
export const ErrorObject = Type.Object(
  {
    code: StringEnum(ERROR_CODES),
    message: Type.String({ examples: ['Invalid request: body.url is required'] }),
    details: Type.Array(
      Type.Object(
        { field: Type.Optional(Type.String({ examples: ['body.url'] })), message: Type.String({ examples: ['is required'] }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ErrorBody = Type.Object(
  {
    error: ErrorObject,
  },
  { $id: 'Error', additionalProperties: false, description: 'Every error answer has this shape.' },
);

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO-8601 UTC', examples: ['2026-11-26T18:04:05.123Z'] });
export const NullableTimestamp = Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time', description: 'ISO-8601 UTC, or null' });

/** The `{id}` of a path, an id of this prefix: a malformed one is a 400 naming `params.id`. */
export const idParams = (prefix: IdPrefix) =>
  Type.Object(
    { id: Type.String({ pattern: idPattern(prefix), examples: [exampleId(prefix)], description: `A \`${prefix}_\` id` }) },
    { additionalProperties: false },
  );

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, 1-100' })),
  cursor: Type.Optional(Type.String({ maxLength: 300, description: 'next_cursor of the previous page' })),
};

/** A time range of a search: ids sort by creation, so it bounds the walk of the index. */
export const TimeRangeQuery = {
  since: Type.Optional(Type.String({ format: 'date-time', description: 'Created at or after this time (ISO-8601)', examples: ['2026-11-26T14:00:00Z'] })),
  until: Type.Optional(Type.String({ format: 'date-time', description: 'Created before this time (ISO-8601, exclusive)', examples: ['2026-11-26T16:00:00Z'] })),
};

export const PageOf = <T extends TSchema>(title: string, item: T) =>
  Type.Object(
    { data: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as cursor for the next page; null on the last' }) },
    { title, additionalProperties: false },
  );

/**
 * Error answers of an authenticated route: 400, 401, 403 (a scope the key lacks), 429 and 503 (the database is unavailable)
 * always, and those given. 413 is added to every operation that takes a body, 409 to every one
 * that takes an Idempotency-Key, where the document is finished (src/http/openapi.ts).
 */
export const errorResponses = (...codes: number[]) => Object.fromEntries([400, 401, 403, 429, 503, ...codes].map((c) => [c, Type.Ref('Error')]));

/** `Idempotency-Key` on a creating POST (docs/idempotency.md). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Makes a retry safe: a repeat with the same key and body answers the first response again (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body is a 409 `idempotency_conflict`. Keys are kept 24 hours, per organization.',
      examples: ['5f0c2a9e-0b7d-4a51-9a3e-6c1f0e2b8d47'],
    }),
  ),
});

export const Metadata = Type.Record(Type.String(), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  description: 'Up to 50 string keys (≤ 40 chars) with string values (≤ 500 chars)',
});

/** The body of an action that takes none: nothing, or `{}`. */
export const EmptyBody = Type.Object({}, { title: 'EmptyBody', additionalProperties: false, description: 'No fields: send no body, or {}' });
