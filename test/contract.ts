// Every answer the integration suite receives is checked against the OpenAPI document
// (docs/openapi.json, which test/api.test.ts keeps current): a status the operation does not
// document, a body its schema does not allow (objects are closed: no undocumented field) or a
// header it does not declare fails the test that received it.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, Json>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { responses?: Record<string, Json> };
}

/** Headers of HTTP itself, which no document lists. */
const PLUMBING = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'vary']);

let state: { doc: Doc; ajv: Ajv2020; routes: Array<{ template: string; re: RegExp; params: number }>; cache: Map<string, ValidateFunction> } | null = null;

function load() {
  if (state) return state;
  const doc = JSON.parse(readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8')) as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv2020) => void;
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'openapi.json' } as Json);
  const routes = Object.keys(doc.paths)
    .map((template) => ({
      template,
      re: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
      params: (template.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);
  state = { doc, ajv, routes, cache: new Map() };
  return state;
}

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Throws when an answer to `method path` is not what the document says it can be. */
export function checkAnswer(method: string, url: string, status: number, headers: Headers, body: unknown): void {
  const { doc, ajv, routes, cache } = load();
  const path = new URL(url, 'http://x').pathname;
  const route = routes.find((r) => r.re.test(path) && doc.paths[r.template][method.toLowerCase()]);
  if (!route) return; // not an API operation (the dashboard, /docs, an unknown route)
  const op = doc.paths[route.template][method.toLowerCase()];
  const where = `${method} ${route.template} → ${status}`;
  let response = op.responses[String(status)];
  if (!response) throw new Error(`${where}: the document does not list this status (it lists ${Object.keys(op.responses).join(', ')})`);
  let responsePointer = pointer('paths', route.template, method.toLowerCase(), 'responses', String(status));
  if (typeof response.$ref === 'string') {
    const name = response.$ref.split('/').pop()!;
    response = doc.components.responses![name];
    responsePointer = pointer('components', 'responses', name);
  }
  const declared = new Set(Object.keys((response.headers as Json | undefined) ?? {}).map((h) => h.toLowerCase()));
  const names: string[] = [];
  headers.forEach((_v, name) => names.push(name));
  const extra = names.filter((h) => !PLUMBING.has(h) && !declared.has(h));
  if (extra.length) throw new Error(`${where}: undocumented response header(s) ${extra.join(', ')}`);
  const content = response.content as Record<string, unknown> | undefined;
  const type = (headers.get('content-type') ?? '').split(';')[0];
  if (!content) {
    if (body !== null && body !== '') throw new Error(`${where}: the document says no body, got ${JSON.stringify(body).slice(0, 200)}`);
    return;
  }
  if (!(type in content)) throw new Error(`${where}: content type ${type} is not documented (${Object.keys(content).join(', ')})`);
  if (type !== 'application/json') return;
  const ref = `openapi.json#/${responsePointer}/content/${pointer(type)}/schema`;
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    cache.set(ref, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `${where}: the body does not fit the document: ${ajv.errorsText(validate.errors, { dataVar: 'body' })}\n${JSON.stringify(body).slice(0, 500)}`,
    );
  }
}
