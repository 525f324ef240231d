// Renders the API reference (docs/api.md) from the OpenAPI document, so the two never disagree.
interface Schema {
  type?: string | string[];
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
}
interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Schema; description?: string }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: Schema }> }>;
}
interface OpenApi {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
}

function typeOf(s: Schema | undefined): string {
  if (!s) return '';
  if (s.$ref) return s.$ref.split('/').pop()!;
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  return [Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'any'), s.format ? `(${s.format})` : ''].join(' ').trim();
}

function constraints(s: Schema): string {
  const c: string[] = [];
  if (s.minimum !== undefined) c.push(`min ${s.minimum}`);
  if (s.maximum !== undefined) c.push(`max ${s.maximum}`);
  if (s.maxLength !== undefined) c.push(`≤ ${s.maxLength} chars`);
  if (s.default !== undefined) c.push(`default ${JSON.stringify(s.default)}`);
  return c.join(', ');
}

const cell = (text: string | undefined) => (text ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderApiDocs(doc: OpenApi): string {
  const out: string[] = [
    `# ${doc.info.title} — reference`,
    '',
    `Version ${doc.info.version}. Generated from the OpenAPI document (\`GET /openapi.json\`, [openapi.json](openapi.json)) by \`npm run openapi\`; do not edit by hand.`,
    '',
    doc.info.description ?? '',
    '',
    'Every error answers `{"error": {"code", "message", "details"}}`. A `400` names what is wrong in `details[].field`: a malformed path id (`params.id`: an id must have the prefix and form of its kind, `wh_…`, `lead_…`; a well-formed id of no object of yours is a `404`), a body field (`body.url`), an unknown query parameter (`querystring.x`: every `/v1` operation refuses one; `/healthz`, `/readyz` and `/metrics` ignore them, since probes add some), a header (`headers.idempotency-key`). Lists take `limit` (1–100) and `cursor` and answer `{"data": [...], "next_cursor"}`. Creating `POST`s take an `Idempotency-Key` header: see [idempotency.md](idempotency.md). The JSON Schema of each event type is served by `GET /v1/event-types` and named in [openapi.json](openapi.json) (`components.schemas`, and the `webhooks` section for the deliveries).',
    '',
  ];
  const byTag = new Map<string, Array<[string, string, Operation]>>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? 'other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), [method.toUpperCase(), path, op]]);
    }
  }
  for (const [tag, ops] of byTag) {
    out.push(`## ${tag}`, '');
    for (const [method, path, op] of ops) {
      out.push(`### \`${method} ${path}\``, '', op.summary ?? '', '');
      if (op.security && op.security.length === 0) out.push('No API key needed.', '');
      const params = op.parameters ?? [];
      if (params.length) {
        out.push('| parameter | in | type | required | notes |', '|---|---|---|---|---|');
        for (const p of params)
          out.push(
            `| \`${p.name}\` | ${p.in} | ${cell(typeOf(p.schema))} | ${p.required ? 'yes' : 'no'} | ${cell([p.description ?? p.schema?.description, p.schema && constraints(p.schema)].filter(Boolean).join('; '))} |`,
          );
        out.push('');
      }
      const body = op.requestBody?.content['application/json']?.schema;
      if (body?.properties) {
        out.push('Body fields (unknown fields are a 400):', '', '| field | type | required | notes |', '|---|---|---|---|');
        for (const [name, s] of Object.entries(body.properties)) {
          out.push(
            `| \`${name}\` | ${cell(typeOf(s))} | ${body.required?.includes(name) ? 'yes' : 'no'} | ${cell([s.description, constraints(s)].filter(Boolean).join('; '))} |`,
          );
        }
        out.push('');
      }
      const codes = Object.entries(op.responses).map(([code, r]) => {
        const schema = r.content?.['application/json']?.schema;
        return `\`${code}\`${schema ? ` ${typeOf(schema)}` : ''}`;
      });
      out.push(`Answers: ${codes.join(', ')}.`, '');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}
