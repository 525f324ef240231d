// The API's routes as the OpenAPI document describes them (so routes added later are covered
// without editing this suite), a rough instance of a schema, objects to aim requests at, and a
// snapshot of everything stored, to prove that rejected requests changed nothing.
import { createHash } from 'node:crypto';
import type { App } from '../../src/app.ts';
import { eventData } from '../helpers.ts';

export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
  examples?: unknown[];
  $ref?: string;
};

export interface Route {
  method: string;
  path: string; // OpenAPI form: /v1/webhooks/{id}
  pathParams: string[];
  query: Schema | null;
  body: Schema | null;
  /** Answers a stream (Server-Sent Events) when the request is valid. */
  streams: boolean;
}

interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: Schema }>;
  requestBody?: { content?: Record<string, { schema: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

/** Every authenticated (/v1) operation of the running app's OpenAPI document. */
export function apiRoutes(app: App): Route[] {
  const doc = app.http.swagger() as { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };
  const named = doc.components?.schemas ?? {};
  // Inline every #/components/schemas reference, so that synth() sees a body's required fields.
  const inline = (s: Schema | undefined, depth = 0): Schema | undefined => {
    if (!s || depth > 8) return s;
    if (s.$ref) return inline(named[s.$ref.replace('#/components/schemas/', '')], depth + 1);
    const out: Schema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, inline(v, depth + 1) as Schema]));
    if (s.items) out.items = inline(s.items, depth + 1);
    if (s.anyOf) out.anyOf = s.anyOf.map((a) => inline(a, depth + 1) as Schema);
    if (s.oneOf) out.oneOf = s.oneOf.map((a) => inline(a, depth + 1) as Schema);
    return out;
  };
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const q = params.filter((p) => p.in === 'query');
      routes.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: q.length
          ? { type: 'object', properties: Object.fromEntries(q.map((p) => [p.name, p.schema])), required: q.filter((p) => p.required).map((p) => p.name) }
          : null,
        body: inline(op.requestBody?.content?.['application/json']?.schema) ?? null,
        streams: Object.values(op.responses ?? {}).some((r) => r.content && 'text/event-stream' in r.content),
      });
    }
  }
  return routes;
}

/** A plausible instance of a schema (required properties only): a skeleton to spoil. */
export function synth(s: Schema | undefined, key = ''): unknown {
  if (!s) return 'x';
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.examples?.length) return s.examples[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return synth(alt.find((a) => a.type !== 'null') ?? alt[0], key);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = synth(s.properties?.[k], k);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, 1) }, () => synth(s.items, key));
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'string':
      if (s.format === 'date-time' || /_at$|^since$/.test(key)) return new Date().toISOString();
      if (s.format === 'uri' || key === 'url') return 'https://example.com/hooks';
      if (key === 'type' || key === 'event_type') return 'lead.created';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 1));
    default:
      return {};
  }
}

/** The JSON type names a value of this schema may have (empty: anything goes). */
export function jsonTypes(s: Schema | undefined): string[] {
  if (!s) return [];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return alt.flatMap(jsonTypes);
  if (s.type === undefined) return [];
  const t = Array.isArray(s.type) ? s.type : [s.type];
  return t.flatMap((x) => (x === 'integer' ? ['integer', 'number'] : [x]));
}

/** The resource a path is about: /v1/webhooks/{id}/deliveries → webhooks. */
export const resourceOf = (path: string) => path.split('/')[2];

/** URL-encodes a string; a lone surrogate becomes the (invalid UTF-8) bytes it would be. */
export const enc = (s: string) =>
  Array.from(s)
    .map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    })
    .join('');

/** A path with its {params} filled in (URL-encoded). */
export const fill = (path: string, id: string) => path.replace(/\{[^}]+\}/g, enc(id));

/** Tables of the app's database. */
async function tables(app: App): Promise<string[]> {
  if (app.storage.backend === 'sqlite') {
    return (
      await app.storage.connection.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    ).map((r) => r.name);
  }
  return (
    await app.storage.connection.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name',
    )
  ).map((r) => r.name);
}

// Counters every request moves, refused ones too (the shared rate limits): not data a request changes.
const OPERATIONAL_TABLES = new Set(['rate_limits']);

/** A digest of every row of every table (operational counters aside), and the row counts. */
export async function snapshot(app: App): Promise<{ digest: string; rows: Record<string, number> }> {
  const hash = createHash('sha256');
  const rows: Record<string, number> = {};
  for (const t of (await tables(app)).filter((name) => !OPERATIONAL_TABLES.has(name))) {
    const all = (await app.storage.connection.query<Record<string, unknown>>(`SELECT * FROM ${t}`)).map((r) => JSON.stringify(r)).sort();
    rows[t] = all.length;
    hash.update(`${t}\n${all.join('\n')}\n`);
  }
  return { digest: hash.digest('hex'), rows };
}

// Minimal bodies for the CRM resources of SPEC §4, so that every {id} route can be aimed at a
// real object. A resource whose create fails simply gets no object (the route is still tried).
const CRM_CREATES: Array<[string, (ids: Record<string, string>) => Record<string, unknown>]> = [
  ['accounts', () => ({ name: 'Acme' })],
  ['leads', () => ({ last_name: 'Lovelace' })],
  ['contacts', () => ({ last_name: 'Hopper' })],
  ['opportunities', (ids) => ({ name: 'Deal', account_id: ids.accounts })],
  ['quotes', (ids) => ({ opportunity_id: ids.opportunities, line_items: [{ description: 'Seat', quantity: 1, unit_amount: 1000 }] })],
  ['orders', (ids) => ({ account_id: ids.accounts })],
  ['meetings', () => ({ title: 'Kick-off', starts_at: new Date(Date.now() + 3600_000).toISOString(), ends_at: new Date(Date.now() + 7200_000).toISOString() })],
  ['tasks', () => ({ title: 'Call back' })],
];

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** Creates one object of each kind for the caller's organization; answers resource → id. */
export async function seedObjects(api: Call, receiverUrl: string): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const hook = await api('POST', '/v1/webhooks', { url: receiverUrl, events: ['*'] });
  if (hook.status !== 201) throw new Error(`seed webhook: ${hook.status} ${JSON.stringify(hook.body)}`);
  ids.webhooks = (hook.body as { id: string }).id;
  const ev = await api('POST', '/v1/events', { type: 'lead.created', data: eventData('lead.created') });
  ids.events = (ev.body as { id: string }).id;
  const dl = await api('GET', `/v1/webhooks/${ids.webhooks}/deliveries`);
  ids.deliveries = (dl.body as { data: Array<{ id: string }> }).data[0]?.id ?? 'dlv_none';
  for (const [res, body] of CRM_CREATES) {
    const r = await api('POST', `/v1/${res}`, body(ids)).catch(() => null);
    if (r && r.status === 201 && typeof (r.body as { id?: unknown }).id === 'string') ids[res] = (r.body as { id: string }).id;
  }
  return ids;
}
