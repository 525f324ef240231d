// Shared request/response schemas. These TypeBox schemas validate requests (Ajv), type the
// handlers and generate the OpenAPI document: one source for all three.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ERROR_CODES } from '../errors.ts';

/** A string enum as a plain JSON Schema `enum`: one clear validation message, one OpenAPI enum. */
export function StringEnum<const T extends readonly string[]>(values: T, opts: { description?: string; default?: T[number] } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...opts });
}

/** A primitive or null, as one `type: [..., "null"]`, so that a bad value gets one clear error. */
export const Nullable = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, type: [s.type as string, 'null'] });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(ERROR_CODES),
      message: Type.String(),
      details: Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() })),
    }),
  },
  { $id: 'Error', description: 'Every error answer has this shape.' },
);

export const Timestamp = Type.String({ format: 'date-time', description: 'ISO-8601 UTC' });
export const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

export const ListQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size, 1-100' })),
  cursor: Type.Optional(Type.String({ maxLength: 300, description: 'next_cursor of the previous page' })),
};

export const PageOf = <T extends TSchema>(item: T) => Type.Object({ data: Type.Array(item), next_cursor: Type.Union([Type.String(), Type.Null()]) });

/** Error answers every authenticated route may give. */
export const errorResponses = (...codes: number[]) => Object.fromEntries([400, 401, 429, ...codes].map((c) => [c, Type.Ref('Error')]));

export const Metadata = Type.Record(Type.String(), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  description: 'Up to 50 string keys (≤ 40 chars) with string values (≤ 500 chars)',
});
