// Cursor pagination over time-sortable ids, newest first: a cursor is the opaque form of the last
// id of a page, and the next page holds the ids below it.
import { validation } from './errors.ts';
import { idFloor, type IdPrefix } from './ids.ts';
import type { Page } from './model.ts';

export interface ListParams {
  limit?: number;
  cursor?: string;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c1:${id}`).toString('base64url');
}

/**
 * The id a page starts below: the cursor's id, or for the first page "~", which sorts after
 * every id. A malformed cursor is a 400.
 */
export function decodeCursor(cursor: string | undefined): string {
  if (cursor === undefined || cursor === '') return '~';
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const m = /^c1:([a-z]{2,5}_[0-9A-HJKMNP-TV-Z]{26})$/.exec(text);
  if (!m) throw validation('The cursor is not one this API returned', [{ field: 'cursor', message: 'invalid cursor' }]);
  return m[1];
}

export function pageLimit(params: ListParams): number {
  return params.limit ?? 20;
}

/** Rows were fetched with limit + 1 to learn whether another page exists. */
export function toPage<R extends { id: string }, T>(rows: R[], limit: number, map: (r: R) => T): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { data: kept.map(map), next_cursor: more ? encodeCursor(kept[kept.length - 1].id) : null };
}

export interface TimeRange {
  /** ISO-8601: created at or after (inclusive). */
  since?: string;
  /** ISO-8601: created before (exclusive). */
  until?: string;
}

/**
 * A page of a time range as id bounds (ids of a prefix sort by creation time): ids at or above
 * `from`, below `before`. A malformed time or an empty range (until before since) is a 400.
 */
export function idRange(prefix: IdPrefix, params: ListParams & TimeRange): { before: string; from?: string } {
  const at = (field: 'since' | 'until'): number | undefined => {
    const v = params[field];
    if (v === undefined) return undefined;
    const ms = Date.parse(v);
    if (Number.isNaN(ms)) throw validation(`${field} is not an ISO-8601 time`, [{ field: `querystring.${field}`, message: 'invalid time' }]);
    return ms;
  };
  const since = at('since');
  const until = at('until');
  if (since !== undefined && until !== undefined && until < since)
    throw validation('until is before since', [{ field: 'querystring.until', message: 'must not be before since' }]);
  let before = decodeCursor(params.cursor);
  if (until !== undefined) {
    const bound = idFloor(prefix, until);
    if (bound < before) before = bound;
  }
  return { before, ...(since !== undefined ? { from: idFloor(prefix, since) } : {}) };
}
