// Webhook filters: the expression language a webhook's `filter` is written in (see "Filters" in
// docs/webhooks.md). A filter is JSON: comparisons of one value of the event payload, combined
// with all / any / not. The service evaluates it at fan-out; no user code runs anywhere.

/** The comparison operators, in the order the documentation lists them. */
export const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin', 'exists', 'contains', 'starts_with'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** The limits a filter must keep. */
export const FILTER_LIMITS = {
  /** Nodes (comparisons and combinators) on the longest way from the top to a comparison. */
  maxDepth: 5,
  /** Comparisons and combinators in all. */
  maxNodes: 50,
  /** The filter as JSON, in bytes. */
  maxBytes: 4096,
  /** Values of an `in` / `nin` list. */
  maxListValues: 100,
} as const;

/** A JSON scalar: what comparisons compare (type-strict: 1 never equals "1"). */
export type FilterScalar = string | number | boolean | null;

/**
 * One comparison of the value at `path` (dotted, with array indexes: `data.object.items[0].sku`,
 * from the top of the event payload) with `value`.
 */
export type FilterComparison =
  | { path: string; op: 'eq' | 'ne'; value: FilterScalar }
  | { path: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number | string }
  | { path: string; op: 'in' | 'nin'; value: FilterScalar[] }
  | { path: string; op: 'exists'; value?: boolean }
  | { path: string; op: 'contains'; value: FilterScalar }
  | { path: string; op: 'starts_with'; value: string };

/** A webhook filter: a comparison, or all / any / not of filters. */
export type Filter = FilterComparison | { all: Filter[] } | { any: Filter[] } | { not: Filter };
