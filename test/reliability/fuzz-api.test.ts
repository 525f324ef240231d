// Bad input, generated: thousands of invalid requests (wrong types, huge strings, odd unicode,
// deep nesting, __proto__/constructor keys, SQL meta-characters, broken JSON, bad ids, bad
// queries, bad headers) against every /v1 route of the OpenAPI document, in-process through
// Fastify's inject. None may answer 5xx or 2xx (GETs excepted), every answer is the documented
// error shape, and the database is byte-for-byte what it was before.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, describe } from 'node:test';
import { BACKENDS, startApp, startReceiver, type Receiver, type TestApp } from '../helpers.ts';
import { apiRoutes, enc, fill, jsonTypes, resourceOf, seedObjects, snapshot, synth, type Route } from './routes.ts';
import { fmtMs, section } from './support.ts';

const PER_BACKEND = 6000;
const check = section(
  import.meta.url,
  'Bad input: generated API requests',
  `fast-check generates ${PER_BACKEND} invalid requests per backend across every /v1 route of the OpenAPI document (so routes added later are covered), sent in-process with \`app.http.inject\`.`,
  4,
);

const NASTY = [
  "' OR '1'='1",
  "'; DROP TABLE webhooks; --",
  '" OR 1=1 --',
  '\\',
  '%',
  '_%',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '🙂',
  '\u202e\u0301',
  'ﷺ',
  '𝕏'.repeat(500),
  'x'.repeat(70_000),
  '${7*7}',
  '{{7*7}}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'null',
  'NaN',
  '-1',
  '1e309',
  ' ',
  '',
  '\r\n\r\nX-Injected: 1',
  'evt_',
  'wh_01J',
];
const nastyString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 300, maxLength: 3000 }),
);
const specialKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', '$gt', '', ' ', 'a.b', 'a[0]', '\u0000'),
  fc.string({ maxLength: 12 }),
);
const { value: nastyValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(specialKey, tie('value'), { maxKeys: 4 }),
  ),
}));

const deepText = (n: number, open: string, close: string, leaf = '1') => open.repeat(n) + leaf + close.repeat(n);
const RAW_BODIES = [
  '{',
  '{"a":',
  "{'a':1}",
  'NaN',
  '[1,]',
  '{"a":1}{"b":2}',
  '\u0000',
  '"\\ud800"',
  '\ufeff{}',
  '[]',
  'null',
  '1',
  '"string"',
  'true',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":{"__proto__":{"polluted":1}}}',
  deepText(20_000, '[', ']'),
  deepText(5000, '{"a":', '}'),
  `{"data":${deepText(5000, '{"a":', '}')}}`,
  `{"x":"${'y'.repeat(1_100_000)}"}`,
  '{"a":"\\u0000"}',
  '{"a":1e999999}',
  '{"a":-0}',
  `{"${'k'.repeat(10_000)}":1}`,
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/xml',
  '',
];
const BAD_AUTH = [
  '',
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  'Bearer sos_notarealkeyatallnotarealkey',
  'Bearer \u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000',
  `Bearer ${'k'.repeat(10_000)}`,
  "Bearer ' OR 1=1 --aaaaaaaa",
  'Bearer a b c',
];

interface Req {
  kind: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

const jsonType = (v: unknown) =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
const ofType: Record<string, fc.Arbitrary<unknown>> = {
  string: nastyString,
  integer: fc.integer(),
  number: fc.double({ noInteger: true, noDefaultInfinity: true, noNaN: true }),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(nastyValue, { maxLength: 3 }),
  object: fc.dictionary(specialKey, nastyValue, { maxKeys: 3 }),
};

/** Invalid requests for one route. `ids` aims some of them at real objects. */
function requests(route: Route, ids: Record<string, string>, key: string): fc.Arbitrary<Req> {
  const auth = { authorization: `Bearer ${key}` };
  const realId = ids[resourceOf(route.path)] ?? 'zz_missing';
  const bogusId = `${realId.split('_')[0]}_01ZZZZZZZZZZZZZZZZZZZZZZZZ`;
  const url = (id: string, query = '') => fill(route.path, id) + query;
  const skeleton = route.body ? (synth(route.body) as Record<string, unknown>) : null;
  const props = Object.keys(route.body?.properties ?? {});
  const typed = props.filter((p) => jsonTypes(route.body!.properties![p]).length);
  const withKey = (base: Record<string, unknown>, k: string, v: unknown) => {
    const head = JSON.stringify(base).slice(0, -1);
    return `${head}${head.length > 1 ? ',' : ''}${JSON.stringify(k)}:${JSON.stringify(v)}}`;
  };
  const kinds: Array<fc.Arbitrary<Req>> = [];
  const json = { 'content-type': 'application/json', ...auth };
  const bodyMethod = route.method !== 'GET' && route.method !== 'DELETE';
  // An unknown key (often __proto__ or constructor) beside an otherwise plausible body.
  if (bodyMethod && skeleton) {
    kinds.push(
      fc.record({ k: specialKey, v: nastyValue, real: fc.boolean() }).map(({ k, v, real }) => ({
        kind: 'unknown field',
        method: route.method,
        url: url(real ? realId : bogusId),
        headers: json,
        payload: withKey(skeleton, props.includes(k) ? `${k}_unknown` : k, v),
      })),
    );
  }
  // A known field of the wrong JSON type.
  if (bodyMethod && skeleton && typed.length) {
    kinds.push(
      fc
        .constantFrom(...typed)
        .chain((p) => {
          const allowed = jsonTypes(route.body!.properties![p]);
          const wrong = Object.keys(ofType).filter((t) => !allowed.includes(t) && !(t === 'integer' && allowed.includes('number')));
          return fc.record({ p: fc.constant(p), v: fc.constantFrom(...wrong).chain((t) => ofType[t]), real: fc.boolean() });
        })
        .filter(({ p, v }) => !jsonTypes(route.body!.properties![p]).includes(jsonType(v)))
        .map(({ p, v, real }) => ({
          kind: 'wrong type',
          method: route.method,
          url: url(real ? realId : bogusId),
          headers: json,
          payload: JSON.stringify({ ...skeleton, [p]: v }),
        })),
    );
  }
  // Broken, huge, deep or polluting raw bodies, with odd content types (never at a real object:
  // a bare `{}` is a valid body for some routes).
  if (bodyMethod) {
    kinds.push(
      fc.record({ raw: fc.constantFrom(...RAW_BODIES), ct: fc.constantFrom(...CONTENT_TYPES) }).map(({ raw, ct }) => ({
        kind: 'raw body',
        method: route.method,
        url: url(bogusId),
        headers: { ...auth, ...(ct ? { 'content-type': ct } : {}) },
        payload: raw,
      })),
    );
  }
  // A nasty id in the path.
  if (route.pathParams.length) {
    kinds.push(
      nastyString.map((id) => ({
        kind: 'bad id',
        method: route.method,
        url: url(id),
        headers: bodyMethod ? json : auth,
        payload: bodyMethod ? JSON.stringify(skeleton ?? {}) : undefined,
      })),
    );
  }
  // A bad query string: an unknown parameter, or a known one with a bad value.
  const known = Object.keys(route.query?.properties ?? {});
  const badValues = fc.oneof(fc.constantFrom('-1', '0', '101', 'abc', '1.5', '1e3', '', 'true', 'null', '[]'), nastyString);
  // (A route without a query schema ignores its query string, as HTTP servers do.)
  if (route.query)
    kinds.push(
      fc
        .record({
          unknown: route.streams || !known.length ? fc.constant(true) : fc.boolean(),
          k: specialKey,
          known: known.length ? fc.constantFrom(...known) : fc.constant('limit'),
          v: badValues,
          real: fc.boolean(),
        })
        .map(({ unknown, k, known: kk, v, real }) => {
          const name = unknown ? (known.includes(k) || !k ? `${k}zz` : k) : kk;
          return {
            kind: 'bad query',
            method: route.method,
            url: url(real && route.method === 'GET' ? realId : bogusId, `?${enc(name)}=${enc(v)}`),
            headers: bodyMethod ? json : auth,
            payload: bodyMethod ? JSON.stringify(skeleton ?? {}) : undefined,
          };
        }),
    );
  // A bad or missing key.
  kinds.push(
    fc.record({ a: fc.constantFrom(...BAD_AUTH), real: fc.boolean() }).map(({ a, real }) => ({
      kind: 'bad key',
      method: route.method,
      url: url(real ? realId : bogusId),
      headers: { 'content-type': 'application/json', ...(a ? { authorization: a } : {}) },
      payload: bodyMethod ? JSON.stringify(skeleton ?? {}) : undefined,
    })),
  );
  return fc.oneof(...kinds);
}

for (const backend of BACKENDS) {
  describe(`API fuzzing on ${backend}`, () => {
    let t: TestApp;
    let rx: Receiver;
    let ids: Record<string, string>;
    before(async () => {
      rx = await startReceiver();
      // Limits high enough that the generated requests reach validation instead of a 429.
      t = await startApp(backend, { SALESOS_AUTH_FAILURES_PER_MINUTE: '1000000', SALESOS_RATE_LIMIT: '1000000' }, { worker: false });
      ids = await seedObjects((m, p, b) => t.api(m, p, b), rx.url);
    });
    after(async () => {
      await t?.close();
      await rx?.close();
    });

    const send = (r: Req) => t.app.http.inject({ method: r.method as 'GET', url: r.url, headers: r.headers, payload: r.payload });

    check(
      `${backend}: ${PER_BACKEND} invalid requests — no 5xx, no 2xx on writes, error shape always, nothing changed`,
      async (fig) => {
        const routes = apiRoutes(t.app);
        assert.ok(routes.length >= 15, `routes from OpenAPI: ${routes.length}`);
        const before = await snapshot(t.app);
        const seed = Date.now() % 1_000_000;
        const samples = fc.sample(fc.oneof(...routes.map((r) => requests(r, ids, t.key))), { numRuns: PER_BACKEND, seed });
        const failures: string[] = [];
        const statuses = new Map<number, number>();
        const kinds = new Map<string, number>();
        const t0 = Date.now();
        for (const r of samples) {
          const res = await send(r);
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
          let problem = '';
          if (res.statusCode >= 500) problem = 'server error';
          else if (res.statusCode < 300 && r.method !== 'GET') problem = 'invalid write accepted';
          else if (res.statusCode >= 400) {
            try {
              const body = JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } };
              if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string') problem = 'error body not {"error":{"code","message"}}';
            } catch {
              problem = 'error body not JSON';
            }
          }
          if (problem && failures.length < 15)
            failures.push(
              `${problem}: ${r.kind} ${r.method} ${r.url.slice(0, 120)} ${(r.payload ?? '').slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
            );
        }
        const after = await snapshot(t.app);
        fig('routes (from OpenAPI)', `${routes.length}: ${[...new Set(routes.map((r) => resourceOf(r.path)))].join(', ')}`);
        fig('requests', `${samples.length} in ${fmtMs(Date.now() - t0)} (seed ${seed})`);
        fig('kinds', [...kinds].map(([k, n]) => `${k} ${n}`).join(', '));
        fig(
          'answers',
          [...statuses]
            .sort((a, b) => a[0] - b[0])
            .map(([s, n]) => `${n}× ${s}`)
            .join(', '),
        );
        fig(
          'rows before → after',
          Object.entries(before.rows)
            .map(([k, n]) => `${k} ${n}→${after.rows[k]}`)
            .join(', '),
        );
        assert.deepEqual(failures, []);
        assert.deepEqual(after.rows, before.rows);
        assert.equal(after.digest, before.digest, 'every table is unchanged');
      },
      { timeout: 8 * 60_000 },
    );

    check(`${backend}: found by fuzzing — deep nesting, NUL characters, bad URL escapes and long ids never answer 5xx`, async (fig) => {
      // [name, request, must be refused] — NUL characters are storable in SQLite but not in
      // PostgreSQL text, so there they are refused (400) rather than failing (500).
      const json = { 'content-type': 'application/json' };
      const cases: Array<[string, Req, boolean]> = [
        [
          'a valid event nested 5,000 deep',
          { kind: '', method: 'POST', url: '/v1/events', headers: json, payload: `{"type":"lead.created","data":{"object":${deepText(5000, '{"a":', '}')}}}` },
          true,
        ],
        [
          'a valid event nested 100,000 deep',
          {
            kind: '',
            method: 'POST',
            url: '/v1/events',
            headers: json,
            payload: `{"type":"lead.created","data":{"object":${deepText(100_000, '{"a":', '}')}}}`,
          },
          true,
        ],
        ['a NUL in a path id', { kind: '', method: 'GET', url: '/v1/webhooks/a%00b', headers: {} }, true],
        [
          'a NUL in an idempotency key',
          { kind: '', method: 'POST', url: '/v1/events', headers: json, payload: '{"type":"lead.created","id":"a\\u0000b","data":{"object":{}}}' },
          backend === 'postgres',
        ],
        [
          'a NUL in a webhook description',
          { kind: '', method: 'POST', url: '/v1/webhooks', headers: json, payload: `{"url":"${rx.url}","events":["*"],"description":"a\\u0000b"}` },
          backend === 'postgres',
        ],
        ['a NUL in a query filter', { kind: '', method: 'GET', url: '/v1/events?type=a%00b', headers: {} }, false],
        ['a malformed URL escape', { kind: '', method: 'GET', url: '/v1/webhooks/%ZZ', headers: {} }, true],
        ['a path id of 150 characters', { kind: '', method: 'GET', url: `/v1/webhooks/${'a'.repeat(150)}`, headers: {} }, true],
      ];
      const answers: string[] = [];
      for (const [name, r, refused] of cases) {
        const res = await send({ ...r, headers: { ...r.headers, authorization: `Bearer ${t.key}` } });
        answers.push(`${name} → ${res.statusCode}`);
        assert.ok(res.statusCode < 500, `${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (refused) assert.ok(res.statusCode >= 400, `${name}: refused, got ${res.statusCode}`);
        if (res.statusCode >= 400) assert.equal(typeof (JSON.parse(res.body) as { error: { code: string } }).error.code, 'string', `${name}: error shape`);
      }
      fig('answers', answers.join('; '));
    });
  });
}
