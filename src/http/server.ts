// The HTTP server: validation, the error mapping, authentication, OpenAPI and the routes of
// each domain. Every error answer is {"error": {"code", "message", "details"}}.
import { guardScopes } from './scopes.ts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyServerOptions, type FastifyError, type FastifyReply, type FastifyRequest, type FastifyBaseLogger } from 'fastify';
import { ErrorBody } from '../contract/common.ts';
import { ApiError, type ErrorDetail } from '../errors.ts';
import { DatabaseUnavailableError, RefusedValueError } from '../store/errors.ts';
import { authenticate } from './auth.ts';
import { registerIdempotency } from './idempotency.ts';
import { finishDocument } from './openapi.ts';
import type { Api, ApiContext } from './context.ts';
import { crmRoutes } from './routes/crm.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { eventRoutes } from './routes/events.ts';
import { opsRoutes } from './routes/ops.ts';
import { statsRoutes } from './routes/stats.ts';
import { streamRoutes } from './routes/stream.ts';
import { taskRoutes } from './routes/tasks.ts';
import { webhookRoutes } from './routes/webhooks.ts';

export type { Api, ApiContext };

export const VERSION = '0.1.0';
export const BODY_LIMIT = 1024 * 1024;
// Deeper JSON is refused before parsing: serializing it again (the stored event body, the
// answer) would overflow the stack, a 500 instead of a 400.
export const MAX_JSON_DEPTH = 100;

function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

// Bodies are validated strictly (no coercion, unknown fields are errors); query strings and
// path parameters arrive as text, so they are coerced.
function makeAjv(coerce: boolean, shared: Record<string, unknown>): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, useDefaults: true, removeAdditional: false, strict: false });
  for (const schema of Object.values(shared)) ajv.addSchema(schema as object);
  // ajv-formats is CommonJS: its default export arrives as the module object.
  const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (a: Ajv) => Ajv;
  addFormats(ajv);
  return ajv;
}

// Validators, kept for the life of the process and shared by every server built in it (the test
// suite builds over a hundred; a server in production is built once). Building one used to cost
// about 2 s of CPU, most of it new Ajv instances, each compiling the JSON Schema meta-schema, for
// every plugin context that adds schemas. Ajv instances are kept per set of shared schemas,
// compiled validators per set, part (bodies strict, text coerced) and route schema, each told
// apart by its JSON (what Ajv reads), so a reused one behaves as the one it stands for.
const ajvs = new Map<string, { body: Ajv; text: Ajv }>();
const validators = new Map<string, (data: unknown) => boolean>();

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

const schemaController = {
  compilersFactory: {
    buildValidator: (shared: Record<string, unknown>) => {
      const set = digest(shared ?? {});
      let pair = ajvs.get(set);
      if (!pair) ajvs.set(set, (pair = { body: makeAjv(false, shared ?? {}), text: makeAjv(true, shared ?? {}) }));
      const { body: bodyAjv, text: textAjv } = pair;
      return ({ schema, httpPart }: { schema: object; httpPart?: string }) => {
        const body = httpPart === 'body';
        const key = `${set}|${body ? 'body' : 'text'}|${digest(schema)}`;
        let validate = validators.get(key);
        if (!validate) validators.set(key, (validate = (body ? bodyAjv : textAjv).compile(schema)));
        return validate;
      };
    },
  },
} as unknown as FastifyServerOptions['schemaController'];

/**
 * What node's HTTP parser refuses before any route runs (headers over 16 KiB, broken framing such
 * as Content-Length beside chunked encoding, a request that took too long): the documented error
 * body, with `Connection: close`, and the connection ends once it is written (after bad framing
 * the rest of the stream cannot be trusted to start a request).
 */
export function clientErrorAnswer(err: NodeJS.ErrnoException): { status: number; error: ApiError } {
  if (err.code === 'HPE_HEADER_OVERFLOW') return { status: 431, error: new ApiError(431, 'headers_too_large', 'The request headers are larger than 16 KiB') };
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, error: new ApiError(408, 'request_timeout', 'The request took too long to arrive') };
  const reason = (err as NodeJS.ErrnoException & { reason?: unknown }).reason;
  const why = typeof reason === 'string' ? reason : 'malformed HTTP request';
  return { status: 400, error: new ApiError(400, 'bad_request', `Bad request framing: ${why}`.slice(0, 300)) };
}

function onClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) return void socket.destroy();
  const { status, error } = clientErrorAnswer(err);
  const body = JSON.stringify(error.toBody());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // A client that never reads the answer does not hold the socket.
  setTimeout(() => socket.destroy(), 5000).unref();
}

/** Routes served beside the API by a process that serves it (the dashboard, given by src/app.ts). */
export type RoutePlugin = (api: Api, app: ApiContext) => Promise<void>;

export async function buildServer(app: ApiContext, beside: RoutePlugin[] = []): Promise<Api> {
  const api = Fastify({
    loggerInstance: app.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: false,
    return503OnClosing: true,
    // The router answers a malformed URL escape (/v1/webhooks/%ZZ) and a path parameter over
    // 100 characters itself: give those the API's error shape, as 400s.
    frameworkErrors: (err: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      const bad = err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void reply
        .code(bad ? 400 : 500)
        .send(
          new ApiError(bad ? 400 : 500, bad ? 'bad_request' : 'internal_error', bad ? err.message.slice(0, 300) : 'Something went wrong on our side').toBody(),
        );
    },
    clientErrorHandler: onClientError,
    // Node answers an HTTP/1.1 request without Host with a bare 400 of its own: the hook below
    // answers it instead, with the API's error body.
    http: { requireHostHeader: false },
    // Through the schema controller, so that plugins adding schemas keep these compilers.
    schemaController,
    // Requests are logged, except the probes and the dashboard's polling.
    logController: new LogController({ disableRequestLogging: routine }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  api.addSchema(ErrorBody);

  api.addHook('onRequest', async (req, reply) => {
    if (req.raw.httpVersion === '1.1' && !req.headers.host) {
      reply.header('connection', 'close');
      throw new ApiError(400, 'bad_request', 'An HTTP/1.1 request needs a Host header');
    }
  });
  // An Expect header other than 100-continue: node would answer a bare 417 itself.
  api.server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify(new ApiError(417, 'bad_request', 'Only Expect: 100-continue is supported').toBody());
    res.writeHead(417, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
  });

  // An empty JSON body is an empty object (POST …/rotate-secret with a Content-Type but no body).
  const jsonParser = api.getDefaultJsonParser('error', 'error');
  api.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, {});
    if (typeof body === 'string' && nestedDeeperThan(body, MAX_JSON_DEPTH)) {
      return done(
        new ApiError(400, 'validation_failed', `The request body is nested more than ${MAX_JSON_DEPTH} levels deep`, [
          { field: 'body', message: 'nested too deeply' },
        ]),
        undefined,
      );
    }
    jsonParser(req, body as string, done);
  });
  // The API speaks JSON only: any other body is a 400 naming the expected type.
  api.removeContentTypeParser('text/plain');
  api.addHook('preValidation', async (req) => {
    if ((req.method === 'POST' || req.method === 'PATCH') && req.body === undefined) req.body = {};
  });

  api.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toApiError(err);
    if (!e) {
      req.log.error({ err, url: req.url.split('?')[0], method: req.method }, 'unhandled error');
      return reply.code(500).send(new ApiError(500, 'internal_error', 'Something went wrong on our side').toBody());
    }
    if (e.status === 503) reply.header('retry-after', '5');
    else if (e.retryAfterS !== null) reply.header('retry-after', String(e.retryAfterS));
    return reply.code(e.status).send(e.toBody());
  });
  api.setNotFoundHandler((req, reply) => {
    reply.code(404).send(new ApiError(404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`).toBody());
  });

  // A worker process serves the operations endpoints and nothing else.
  if (app.config.role === 'worker') {
    await opsRoutes(api, app);
    return api;
  }
  await api.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'SalesOS Webhooks API',
        version: VERSION,
        description:
          'Manage webhooks, publish events and browse the delivery log. Authenticate with `Authorization: Bearer <api key>`. Creating POSTs take an `Idempotency-Key` header (docs/idempotency.md). The deliveries SalesOS sends are described under `webhooks`, one per event type.',
        contact: { name: 'SalesOS Webhooks', url: 'https://salesos.example/support' },
        license: { name: 'Proprietary', identifier: 'LicenseRef-SalesOS' },
      },
      // Relative: "Try it out" in /docs and clients of /openapi.json call the address they read it from.
      servers: [{ url: '/', description: 'The server this document is served from' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
      // Each operation lists the scope its key needs (src/http/scopes.ts).
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    transformObject: (doc) =>
      finishDocument('openapiObject' in doc ? (doc.openapiObject as Record<string, unknown>) : (doc.swaggerObject as Record<string, unknown>)) as never,
  });
  await api.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets inline styles (a hash allowing one would not allow 'unsafe-inline' beside
    // it); upgrade-insecure-requests would send "Try it out" to https on a plain-http service.
    transformStaticCSP: (csp: string) =>
      csp
        .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
        .replace(/\s*upgrade-insecure-requests;?/, '')
        .trim(),
  });

  await opsRoutes(api, app);
  api.get('/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  api.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/dashboard', 302));
  for (const routes of beside) await routes(api, app);
  await api.register(
    async (v1) => {
      v1.addHook('onRequest', authenticate(app));
      guardScopes(v1);
      registerIdempotency(v1 as Api, app);
      await webhookRoutes(v1 as Api, app);
      await eventRoutes(v1 as Api, app);
      await deliveryRoutes(v1 as Api, app);
      await statsRoutes(v1 as Api, app);
      await crmRoutes(v1 as Api, app);
      await taskRoutes(v1 as Api, app);
      await streamRoutes(v1 as Api, app);
    },
    { prefix: '/v1' },
  );
  return api;
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Requests not logged: health checks and scrapes, and the dashboard's live regions polling every
 * two seconds (JSON GETs under /dashboard). Logged, they were most of the log of an idle service.
 */
function routine(req: FastifyRequest): boolean {
  // Asked of every request: no array, no copy unless there is a query string.
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  if (PROBES.has(path)) return true;
  return req.method === 'GET' && path.startsWith('/dashboard/') && /application\/json/.test(req.headers.accept ?? '') && !req.headers['content-type'];
}

function toApiError(err: FastifyError): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof DatabaseUnavailableError)
    return new ApiError(503, 'service_unavailable', 'The database is unavailable; nothing was stored. Try again shortly.');
  if (err.validation) {
    const details: ErrorDetail[] = err.validation.map((v) => {
      const p = v.params as Record<string, unknown>;
      const base = `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`;
      if (p.additionalProperty) return { field: `${base}.${p.additionalProperty}`, message: 'unknown field' };
      if (p.missingProperty) return { field: `${base}.${p.missingProperty}`, message: 'is required' };
      return { field: base, message: v.message ?? 'is invalid' };
    });
    return new ApiError(
      400,
      'validation_failed',
      `Invalid request: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`.slice(0, 1000),
      details.slice(0, 50),
    );
  }
  // A value the database refuses (text with NUL on PostgreSQL, an oversized index row): bad
  // input, not a failure.
  if (err instanceof RefusedValueError) {
    return new ApiError(400, 'validation_failed', 'Text must not contain NUL (\\u0000) characters', []);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'payload_too_large', `Request body is larger than ${BODY_LIMIT} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(400, 'unsupported_media_type', 'Send JSON with Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid_json', 'The request body is not valid JSON');
  }
  if (err instanceof SyntaxError || (/JSON|prototype|constructor/i.test(err.message) && err.statusCode === 400)) {
    return new ApiError(400, 'invalid_json', `The request body is not valid JSON: ${err.message}`.slice(0, 300));
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError(err.statusCode === 415 ? 400 : err.statusCode, 'bad_request', err.message.slice(0, 300));
  }
  return null;
}
