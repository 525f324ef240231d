// One way to read a header from whatever a framework hands over: a Fetch `Headers`, Node's
// IncomingHttpHeaders (lower-case keys, some values arrays) or a plain object in any key case.

/** Anything with a Fetch-style `get`, such as `Headers` or `request.headers` in a Worker. */
export interface HeadersLike {
  get(name: string): string | null;
}

/** A plain object of headers in any key case; Node's `req.headers` is one. */
export type HeaderRecord = Record<string, string | readonly string[] | number | undefined | null>;

export type HeadersInput = HeadersLike | HeaderRecord;

function isHeadersLike(headers: HeadersInput): headers is HeadersLike {
  return typeof (headers as { get?: unknown }).get === 'function';
}

/** The value of header `name`, repeated values joined by ", " as HTTP does; undefined if absent. */
export function readHeader(headers: HeadersInput, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (isHeadersLike(headers)) return headers.get(lower) ?? undefined;
  let value = headers[lower];
  if (value === undefined) {
    // Not Node's lower-cased form: look for the key in any case.
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lower) {
        value = headers[key];
        break;
      }
    }
  }
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(', ');
  return String(value);
}
