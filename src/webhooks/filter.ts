// Webhook filters: a webhook with a `filter` gets a delivery only for the events whose payload
// matches it (evaluated at fan-out, in events/publisher.ts). The language is data, not code: a
// comparison `{"path": "data.object.amount", "op": "gte", "value": 10000}`, or `{"all": [...]}`,
// `{"any": [...]}`, `{"not": {...}}` of filters (the operators and limits are the SDK's, so that
// the SDK types a Filter; docs/webhooks.md#filters documents them). parseFilter() checks one as a
// request gives it and says where it is wrong; compileFilter() turns a checked one into a
// predicate, once per webhook (the subscriber cache keeps it).
import { FILTER_LIMITS, FILTER_OPERATORS, type Filter, type FilterOperator, type FilterScalar } from '@salesos/webhooks';
import { ApiError } from '../errors.ts';

export { FILTER_LIMITS, FILTER_OPERATORS, type Filter, type FilterOperator };

/** A filter that is not valid: a 400 naming where (`body.filter.all[1].op`) and what. */
export class FilterError extends ApiError {
  constructor(
    readonly pointer: string,
    readonly problem: string,
  ) {
    super(400, 'validation_failed', `${pointer}: ${problem}`, [{ field: pointer, message: problem }]);
  }
}

const OPERATORS = new Set<string>(FILTER_OPERATORS);
const COMBINATORS = ['all', 'any', 'not'] as const;
const MAX_PATH_CHARS = 256;
const MAX_PATH_SEGMENTS = 16;
// A key segment: letters, digits, _ - $ (the CRM's field names and more); [n] is an array index.
const SEGMENT = /^(?:[A-Za-z0-9_$-]+)$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: unknown): v is FilterScalar {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;

/** `data.object.items[0].sku` (or `items.0.sku`) → ['data', 'object', 'items', '0', 'sku']; null when malformed. */
export function parsePath(path: string): string[] | null {
  if (path.length === 0 || path.length > MAX_PATH_CHARS) return null;
  const segments: string[] = [];
  for (const part of path.split('.')) {
    // A part is a key followed by any number of [n]; `a.[0]` and `a..b` are malformed.
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || !SEGMENT.test(m[1])) return null;
    segments.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) segments.push(String(Number(idx[1])));
  }
  return segments.length <= MAX_PATH_SEGMENTS ? segments : null;
}

/**
 * Checks a filter as a request gives it (`at` names it in errors) and answers it, or throws a
 * FilterError naming the first problem.
 */
export function parseFilter(input: unknown, at = 'body.filter'): Filter {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new FilterError(at, 'must be a JSON object');
  if (Buffer.byteLength(json) > FILTER_LIMITS.maxBytes) throw new FilterError(at, `is larger than ${FILTER_LIMITS.maxBytes} bytes as JSON`);
  const count = { nodes: 0 };
  return checkNode(input, at, 1, count);
}

function checkNode(node: unknown, at: string, depth: number, count: { nodes: number }): Filter {
  if (!isPlainObject(node)) throw new FilterError(at, `must be an object (a comparison, or all / any / not), not ${describe(node)}`);
  if (depth > FILTER_LIMITS.maxDepth) throw new FilterError(at, `nested more than ${FILTER_LIMITS.maxDepth} levels deep`);
  if (++count.nodes > FILTER_LIMITS.maxNodes) throw new FilterError(at, `the filter has more than ${FILTER_LIMITS.maxNodes} nodes`);
  const keys = Object.keys(node);
  const combinator = COMBINATORS.find((c) => c in node);
  if (combinator) {
    const extra = keys.find((k) => k !== combinator);
    if (extra !== undefined) throw new FilterError(`${at}.${extra}`, `unexpected next to "${combinator}": a node is one comparison or one of all / any / not`);
    const inner = node[combinator];
    if (combinator === 'not') return { not: checkNode(inner, `${at}.not`, depth + 1, count) };
    if (!Array.isArray(inner) || inner.length === 0) throw new FilterError(`${at}.${combinator}`, 'must be a non-empty array of filters');
    const list = inner.map((f, i) => checkNode(f, `${at}.${combinator}[${i}]`, depth + 1, count));
    return combinator === 'all' ? { all: list } : { any: list };
  }
  const unknown = keys.find((k) => k !== 'path' && k !== 'op' && k !== 'value');
  if (unknown !== undefined) throw new FilterError(`${at}.${unknown}`, 'unknown key; a comparison has path, op and value, a combinator is all, any or not');
  if (!('path' in node)) throw new FilterError(`${at}.path`, 'is required (or use all / any / not)');
  if (typeof node.path !== 'string' || parsePath(node.path) === null) {
    throw new FilterError(
      `${at}.path`,
      `must be a dotted path with array indexes, like "data.object.items[0].sku" (at most ${MAX_PATH_CHARS} characters, ${MAX_PATH_SEGMENTS} steps)`,
    );
  }
  if (!('op' in node)) throw new FilterError(`${at}.op`, 'is required');
  const op = node.op;
  if (typeof op !== 'string' || !OPERATORS.has(op))
    throw new FilterError(`${at}.op`, `unknown operator ${JSON.stringify(op)}; known: ${FILTER_OPERATORS.join(', ')}`);
  const path = node.path;
  const v = node.value;
  const where = `${at}.value`;
  switch (op as FilterOperator) {
    case 'exists':
      if (v !== undefined && typeof v !== 'boolean') throw new FilterError(where, `must be true or false (or left out: true) for exists, not ${describe(v)}`);
      return v === undefined ? { path, op: 'exists' } : { path, op: 'exists', value: v };
    case 'eq':
    case 'ne':
    case 'contains':
      if (!('value' in node) || !isScalar(v))
        throw new FilterError(where, `must be a string, number, boolean or null for ${op}, not ${v === undefined ? 'missing' : describe(v)}`);
      return { path, op: op as 'eq', value: v };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (!((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string')) {
        throw new FilterError(where, `must be a number or a string for ${op}, not ${v === undefined ? 'missing' : describe(v)}`);
      }
      return { path, op: op as 'gt', value: v };
    case 'in':
    case 'nin': {
      if (!Array.isArray(v) || v.length === 0 || v.length > FILTER_LIMITS.maxListValues) {
        throw new FilterError(where, `must be an array of 1 to ${FILTER_LIMITS.maxListValues} strings, numbers, booleans or nulls for ${op}`);
      }
      const bad = v.findIndex((x) => !isScalar(x));
      if (bad >= 0) throw new FilterError(`${where}[${bad}]`, `must be a string, number, boolean or null, not ${describe(v[bad])}`);
      return { path, op: op as 'in', value: v as FilterScalar[] };
    }
    case 'starts_with':
      if (typeof v !== 'string') throw new FilterError(where, `must be a string for starts_with, not ${v === undefined ? 'missing' : describe(v)}`);
      return { path, op: 'starts_with', value: v };
  }
}

/** A compiled filter: whether an event's payload (parsed) matches. */
export type FilterPredicate = (payload: unknown) => boolean;

const MISSING = Symbol('missing');

function lookup(payload: unknown, segments: readonly string[]): unknown {
  let cur: unknown = payload;
  for (const s of segments) {
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(s)) return MISSING;
      const i = Number(s);
      if (i >= cur.length) return MISSING;
      cur = cur[i];
    } else if (isPlainObject(cur)) {
      if (!Object.prototype.hasOwnProperty.call(cur, s)) return MISSING;
      cur = cur[s];
    } else {
      return MISSING;
    }
  }
  return cur;
}

/** Type-strict ordering: numbers with numbers, strings with strings (code unit order, which orders ISO 8601 times); anything else does not compare. */
function compare(a: unknown, b: number | string): number | null {
  if (typeof a !== typeof b) return null;
  return (a as number | string) < b ? -1 : (a as number | string) > b ? 1 : 0;
}

/** Compiles a checked filter (parseFilter's answer, or one stored after it) into a predicate. */
export function compileFilter(filter: Filter): FilterPredicate {
  if ('all' in filter) {
    const parts = filter.all.map(compileFilter);
    return (p) => parts.every((f) => f(p));
  }
  if ('any' in filter) {
    const parts = filter.any.map(compileFilter);
    return (p) => parts.some((f) => f(p));
  }
  if ('not' in filter) {
    const inner = compileFilter(filter.not);
    return (p) => !inner(p);
  }
  const segments = parsePath(filter.path) ?? [];
  const get = (p: unknown) => lookup(p, segments);
  switch (filter.op) {
    case 'eq': {
      const v = filter.value;
      return (p) => get(p) === v;
    }
    case 'ne': {
      const v = filter.value;
      return (p) => get(p) !== v;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const v = filter.value;
      const ok = { gt: (c: number) => c > 0, gte: (c: number) => c >= 0, lt: (c: number) => c < 0, lte: (c: number) => c <= 0 }[filter.op];
      return (p) => {
        const c = compare(get(p), v);
        return c !== null && ok(c);
      };
    }
    case 'in': {
      const set = new Set<unknown>(filter.value);
      return (p) => set.has(get(p));
    }
    case 'nin': {
      const set = new Set<unknown>(filter.value);
      return (p) => !set.has(get(p));
    }
    case 'exists': {
      const want = filter.value ?? true;
      return (p) => (get(p) !== MISSING) === want;
    }
    case 'contains': {
      const v = filter.value;
      return (p) => {
        const a = get(p);
        if (typeof a === 'string') return typeof v === 'string' && a.includes(v);
        return Array.isArray(a) && a.includes(v);
      };
    }
    case 'starts_with': {
      const v = filter.value;
      return (p) => {
        const a = get(p);
        return typeof a === 'string' && a.startsWith(v);
      };
    }
  }
}

/** Whether an event's payload matches a filter (compiles it each time: hot paths keep compileFilter's answer). */
export function matches(filter: Filter, payload: unknown): boolean {
  return compileFilter(filter)(payload);
}
