// Cursor pagination over time-sortable ids, newest first: a cursor is the opaque form of the last
// id of a page, and the next page holds the ids below it.
import { validation } from './errors.ts';
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
