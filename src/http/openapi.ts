// Finishes the OpenAPI document @fastify/swagger generates from the route schemas, with what
// holds for every route alike: object schemas with a `title` become named components; error
// answers are shared responses (429 and 503 with Retry-After); a body is optional when nothing in
// it is required, and answers 413 when too large; a route that takes Idempotency-Key answers 409
// on a conflict and says when it replays; and the deliveries themselves are described, one
// payload schema per event type, in the OpenAPI 3.1 `webhooks` section.
import { acceptedScopes } from './scopes.ts';
import { EVENT_CATALOG, EVENT_TYPES } from '../catalog.ts';
import { eventDataSchema, eventPayloadSchema, eventSchemaName } from '../contract/events.ts';
import { OPERATIONAL_OBJECTS } from '../contract/operational.ts';
import { exampleEvent } from '../events/schemas.ts';

type Json = Record<string, unknown>;
interface Doc extends Json {
  paths: Record<string, Record<string, Operation>>;
  components: Json & { schemas?: Record<string, Json> };
}
interface Operation extends Json {
  parameters?: Json[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, Json>;
}

export const TAGS = [
  { name: 'webhooks', description: 'Endpoints subscribed to event types, and their signing secrets' },
  { name: 'deliveries', description: 'The delivery log: every event sent to every webhook, with its attempts' },
  { name: 'events', description: 'The event catalog, publishing events and the event log' },
  { name: 'background-tasks', description: "Recover and replay of a webhook's time window, run in the background, and their progress" },
  { name: 'leads', description: 'CRM leads (lead.* events)' },
  { name: 'accounts', description: 'CRM accounts (account.* events)' },
  { name: 'contacts', description: 'CRM contacts (contact.* events)' },
  { name: 'opportunities', description: 'CRM opportunities (opportunity.* events)' },
  { name: 'quotes', description: 'Quotes (quote.* events)' },
  { name: 'orders', description: 'Orders (order.* events)' },
  { name: 'meetings', description: 'Meetings (meeting.* events)' },
  { name: 'tasks', description: 'Tasks (task.completed); GET /v1/tasks/{id} also answers background tasks' },
  { name: 'operations', description: 'Health, readiness and metrics; no API key' },
];

const ERRORS: Record<string, { name: string; description: string; retryAfter?: boolean }> = {
  400: {
    name: 'BadRequest',
    description:
      'The request is invalid; `details` names each field (`validation_failed`, `invalid_json`, …): a body field (`body.url`), a query parameter, unknown ones included (`querystring.x`), a malformed path id (`params.id`), a header (`headers.idempotency-key`)',
  },
  401: { name: 'Unauthorized', description: 'No API key, or an invalid or revoked one' },
  403: { name: 'InsufficientScope', description: 'The API key lacks the scope this operation needs (`insufficient_scope`; `x-required-scope` names it)' },
  404: { name: 'NotFound', description: 'No such object in this organization' },
  409: { name: 'Conflict', description: 'The object is not in a state that allows this, or the idempotency key was used with another request' },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than 1 MiB (an event `data` larger than 256 KiB)' },
  422: { name: 'Unprocessable', description: 'A referenced object does not exist, or the values do not fit together' },
  429: { name: 'RateLimited', description: 'Too many requests: wait for Retry-After seconds', retryAfter: true },
  503: { name: 'ServiceUnavailable', description: 'The database is unavailable; nothing was stored. Retry after Retry-After seconds', retryAfter: true },
};

const RETRY_AFTER = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0, examples: [5] } };
const REPLAYED = {
  description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};

function walk(node: unknown, fn: (n: Json) => Json | undefined): unknown {
  if (Array.isArray(node)) return node.map((n) => walk(n, fn));
  if (!node || typeof node !== 'object') return node;
  const replaced = fn(node as Json);
  if (replaced) return replaced;
  return Object.fromEntries(Object.entries(node as Json).map(([k, v]) => [k, walk(v, fn)]));
}

/** Moves every object schema with a `title` into components.schemas, leaving a $ref behind. */
function nameComponents(doc: Doc): void {
  const schemas = (doc.components.schemas ??= {});
  const hoist = (n: Json): Json | undefined => {
    if (typeof n.title !== 'string' || n.type !== 'object' || n.$ref) return undefined;
    const name = n.title;
    const { title: _t, ...rest } = n;
    const body = walk(rest, hoist) as Json;
    const known = schemas[name];
    if (known && JSON.stringify(known) !== JSON.stringify(body)) throw new Error(`two different schemas are titled ${name}`);
    schemas[name] = body;
    return { $ref: `#/components/schemas/${name}` };
  };
  doc.paths = walk(doc.paths, hoist) as Doc['paths'];
  // Components registered by name (Webhook, Lead, …) may hold titled objects too (QuoteLineItem).
  for (const [name, s] of Object.entries(schemas)) schemas[name] = Object.fromEntries(Object.entries(s).map(([k, v]) => [k, walk(v, hoist)]));
}

const refTo = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function isRequiredBody(doc: Doc, schema: Json): boolean {
  const target = schema.$ref ? doc.components.schemas?.[String(schema.$ref).split('/').pop()!] : schema;
  return Array.isArray(target?.required) && target.required.length > 0;
}

/** The deliveries, one per event type, as OpenAPI 3.1 webhooks with their headers (SPEC §5, §6). */
function webhooksSection(doc: Doc): Json {
  const schemas = doc.components.schemas!;
  const headers: Json = {
    'webhook-id': {
      description: 'The event id (`evt_…`): the same on every retry and every endpoint; deduplicate on it',
      required: true,
      schema: { type: 'string' },
    },
    'webhook-timestamp': {
      description: 'Unix seconds when this attempt was signed; reject it when more than 5 minutes off',
      required: true,
      schema: { type: 'string', pattern: '^[0-9]+$' },
    },
    'webhook-signature': {
      description: 'Space-separated `v1,<base64 HMAC-SHA256(secret, "{webhook-id}.{webhook-timestamp}.{body}")>`, one per live secret (two during a rotation)',
      required: true,
      schema: { type: 'string', pattern: '^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$' },
    },
    'X-Webhook-Signature': { description: 'Exactly the value of webhook-signature', required: true, schema: { type: 'string' } },
    'X-Webhook-Event': { description: 'The event type', required: true, schema: { type: 'string', enum: [...EVENT_TYPES] } },
    'X-Webhook-Attempt': { description: 'The attempt number, from 1', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]*$' } },
    'User-Agent': { description: '`SalesOS-Webhooks/<version>`', required: true, schema: { type: 'string' } },
  };
  // The operational events' objects are named by no route: named here.
  for (const { $id, ...schema } of OPERATIONAL_OBJECTS) schemas[$id!] ??= JSON.parse(JSON.stringify({ title: $id, ...schema })) as Json;
  const section: Json = {};
  for (const e of EVENT_CATALOG) {
    const name = eventSchemaName(e.type);
    schemas[name] = eventPayloadSchema(e.type, refTo);
    delete schemas[name].title;
    section[e.type] = {
      post: {
        operationId: `deliver${name.replace(/Event$/, '')}`,
        tags: ['events'],
        summary: `${e.description} (${e.type})`,
        description:
          'SalesOS POSTs this body to every enabled webhook subscribed to the type; a 2xx answer within the timeout is a success, anything else is retried.',
        parameters: Object.entries(headers).map(([name, h]) => ({ name, in: 'header', ...(h as Json) })),
        requestBody: { required: true, content: { 'application/json': { schema: refTo(name), example: exampleEvent(e.type) } } },
        responses: {
          '200': { description: 'Any 2xx answer: delivered' },
          '400': { description: 'Any other answer (or none) fails the attempt; it is retried on the schedule' },
        },
        security: [],
      },
    };
  }
  // GET /v1/events shows data of one of the types.
  const data = schemas.EventData;
  if (data) {
    schemas.EventData = {
      description: 'The data of one of the event types (the schema of each type: GET /v1/event-types)',
      // Types whose data has one shape (the three webhook.* events) are listed once.
      anyOf: [...new Map(EVENT_TYPES.map((t) => eventDataSchema(t, refTo)).map((s) => [JSON.stringify(s), s])).values()],
    };
  }
  return section;
}

export function finishDocument(raw: Json): Json {
  const doc = raw as Doc;
  nameComponents(doc);
  doc.tags = TAGS;
  doc.components.headers = { RetryAfter: RETRY_AFTER, IdempotentReplayed: REPLAYED };
  doc.components.responses = Object.fromEntries(
    Object.values(ERRORS).map((e) => [
      e.name,
      {
        description: e.description,
        ...(e.retryAfter ? { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } } : {}),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      op.description ??= op.summary;
      const idempotent = op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key') ?? false;
      if (op.requestBody) {
        const schema = op.requestBody.content['application/json']?.schema;
        op.requestBody.required = schema ? isRequiredBody(doc, schema) : false;
        op.responses['413'] = {};
      }
      if (idempotent) op.responses['409'] = {};
      // Error answers of the API share one response each; /readyz has its own 503.
      const api = path.startsWith('/v1/');
      // The scope an API key needs here, as src/http/scopes.ts decides it for the route.
      if (api) {
        const scopes = acceptedScopes(method.toUpperCase(), path.replace(/\{(\w+)\}/g, ':$1'));
        // One scope, or (x-accepted-scopes) any of several, the answer deciding which it needs.
        if (scopes.length === 1) op['x-required-scope'] = scopes[0];
        else op['x-accepted-scopes'] = [...scopes];
        op.description = `${op.description ?? ''}\n\nAPI key scope: ${scopes.map((s) => `\`${s}\``).join(' or ')}.`.trim();
      }
      for (const [code, r] of Object.entries(op.responses)) {
        if (ERRORS[code] && (api || code !== '503')) op.responses[code] = { $ref: `#/components/responses/${ERRORS[code].name}` };
        else if (idempotent && code.startsWith('2')) r.headers = { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } };
      }
      // A path parameter's example, where clients and test tools look for it.
      for (const p of op.parameters ?? []) {
        const examples = (p.schema as Json | undefined)?.examples;
        if (Array.isArray(examples) && p.example === undefined) p.example = examples[0];
        delete p.examples;
      }
    }
  }
  doc.webhooks = webhooksSection(doc);
  return doc;
}
