// Form bodies: parsing application/x-www-form-urlencoded, and turning a webhook form into the
// same WebhookCreate the API takes, checked against the API's own schema, so the dashboard and
// the API accept exactly the same webhooks.
import { Value } from '@sinclair/typebox/value';
import { ApiError, type ErrorDetail } from '../errors.ts';
import { Type } from '@sinclair/typebox';
import { WebhookCreate } from '../contract/webhooks.ts';

export type FormBody = Record<string, string | string[]>;

export const FORM_LIMIT = 64 * 1024;

export function parseForm(text: string): FormBody {
  const out: FormBody = Object.create(null) as FormBody;
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function field(body: unknown, name: string): string {
  const v = (body as FormBody | undefined)?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

export function fields(body: unknown, name: string): string[] {
  const v = (body as FormBody | undefined)?.[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export interface WebhookForm {
  url: string;
  description: string;
  events: string[];
}

export function readWebhookForm(body: unknown): WebhookForm {
  return { url: field(body, 'url').trim(), description: field(body, 'description').trim(), events: fields(body, 'events') };
}

const FRIENDLY: Record<string, (kind: string) => string> = {
  url: (kind) => (kind === 'empty' ? 'Enter the URL of your endpoint' : 'Use at most 2,048 characters'),
  description: () => 'Use at most 500 characters',
  events: (kind) => (kind === 'empty' ? 'Choose at least one event' : 'Choose at most 100 events'),
};

// The API's schema for the form's fields; which event types exist the webhook service checks (its
// message names the unknown one), so here events are any strings, as many as the API allows.
const FormSchema = Type.Object({
  url: WebhookCreate.properties.url,
  description: WebhookCreate.properties.description,
  events: Type.Array(Type.String(), { minItems: WebhookCreate.properties.events.minItems, maxItems: WebhookCreate.properties.events.maxItems }),
});

/** Checks the form against the API's schema; throws an ApiError with one detail per field. */
export function checkWebhookForm(form: WebhookForm): WebhookCreate {
  const input = { url: form.url, description: form.description, events: form.events };
  const details: ErrorDetail[] = [];
  for (const e of Value.Errors(FormSchema, input)) {
    const name = e.path.split('/')[1] ?? '';
    if (!FRIENDLY[name] || details.some((d) => d.field === name)) continue;
    const empty = (name === 'url' && form.url === '') || (name === 'events' && form.events.length === 0);
    details.push({ field: name, message: FRIENDLY[name](empty ? 'empty' : 'long') });
  }
  if (details.length) throw new ApiError(400, 'validation_failed', 'Check the highlighted fields', details);
  return input;
}

/** Field errors by field name (the first message of each); the rest is a general message. */
export function errorsByField(e: ApiError): { fields: Record<string, string>; general: string | null } {
  const out: Record<string, string> = {};
  for (const d of e.details) {
    const name = d.field?.replace(/^body\./, '').split('.')[0];
    if (name && !(name in out)) out[name] = d.message;
  }
  return { fields: out, general: Object.keys(out).length ? null : e.message };
}
