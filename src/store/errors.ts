// Storage failures the domain and the HTTP edge tell apart, whatever the backend raised: each
// adapter translates its driver's errors (SQLSTATEs, messages) into these.

/** The database is unreachable (down, restarting, connection lost): try again later. */
export class DatabaseUnavailableError extends Error {}

/**
 * A value the database refuses (text with NUL, an oversized index row): bad input, not a
 * failure, and trying the same value again is no use.
 */
export class RefusedValueError extends Error {}

/** A unique index refused a row (a key stored twice, by two starts at once). */
export class DuplicateError extends Error {}
