// Form bodies: parsing application/x-www-form-urlencoded, and turning a webhook form into the
// same WebhookCreate the API takes, checked against the API's own schema, so the dashboard and
// the API accept exactly the same webhooks.
import { Value } from '@sinclair/typebox/value';
import type { ApiError, ErrorDetail } from '../errors.ts';
import { Type } from '@sinclair/typebox';
import { WebhookCreate, type Webhook } from '../contract/webhooks.ts';
import { MASK } from '../webhooks/policy.ts';
import { matchesEvent } from '../catalog.ts';

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

/** The delivery settings as the form's text fields hold them (empty: the service default). */
export interface SettingsForm {
  retry_schedule: string;
  timeout: string;
  max_in_flight: string;
  rate_limit: string;
  /** `Name: value` lines. */
  headers: string;
  /** `Name: value` lines, values masked (`••••` keeps the stored one). */
  secret_headers: string;
  /** The filter as JSON (empty: none). */
  filter: string;
  ordering: string;
}

export interface WebhookForm extends SettingsForm {
  url: string;
  description: string;
  events: string[];
}

export const SETTINGS_FIELDS = ['retry_schedule', 'timeout', 'max_in_flight', 'rate_limit', 'headers', 'secret_headers', 'filter', 'ordering'] as const;

export function readWebhookForm(body: unknown): WebhookForm {
  const settings = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, field(body, f).trim()])) as unknown as SettingsForm;
  return { url: field(body, 'url').trim(), description: field(body, 'description').trim(), events: fields(body, 'events'), ...settings };
}

/** A webhook's settings as the form shows them (secret values masked, as the API answers them). */
export function settingsForm(
  hook: Pick<Webhook, 'retry_schedule' | 'timeout' | 'max_in_flight' | 'rate_limit' | 'headers' | 'filter' | 'ordering'>,
): SettingsForm {
  const entries = Object.entries(hook.headers ?? {});
  return {
    retry_schedule: hook.retry_schedule ?? '',
    timeout: hook.timeout ?? '',
    max_in_flight: hook.max_in_flight === null ? '' : String(hook.max_in_flight),
    rate_limit: hook.rate_limit === null ? '' : String(hook.rate_limit),
    headers: entries
      .filter(([, v]) => typeof v === 'string')
      .map(([n, v]) => `${n}: ${v as string}`)
      .join('\n'),
    secret_headers: entries
      .filter(([, v]) => typeof v !== 'string')
      .map(([n]) => `${n}: ${MASK}`)
      .join('\n'),
    filter: hook.filter ? JSON.stringify(hook.filter, null, 2) : '',
    ordering: hook.ordering,
  };
}

export const EMPTY_SETTINGS: SettingsForm = {
  retry_schedule: '',
  timeout: '',
  max_in_flight: '',
  rate_limit: '',
  headers: '',
  secret_headers: '',
  filter: '',
  ordering: 'none',
};

/** The settings of a form as the API takes them; each field's problem named after it (the service checks the rest). */
function settingsInput(form: SettingsForm, details: ErrorDetail[]): Record<string, unknown> {
  const int = (name: 'max_in_flight' | 'rate_limit') => {
    const v = form[name];
    if (v === '') return null;
    if (!/^\d+$/.test(v)) details.push({ field: name, message: 'Enter a whole number, or leave it empty for the default' });
    return Number(v);
  };
  const headers: Record<string, string | { value: string; secret: true }> = {};
  for (const [name, secret] of [
    ['headers', false],
    ['secret_headers', true],
  ] as const) {
    for (const line of form[name].split(/\r?\n/)) {
      if (!line.trim()) continue;
      const i = line.indexOf(':');
      if (i < 1) {
        details.push({ field: 'headers', message: `Write each header as Name: value (got "${line.slice(0, 60)}")` });
        continue;
      }
      const header = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      headers[header] = secret ? { value, secret: true } : value;
    }
  }
  let filter: unknown = null;
  if (form.filter !== '') {
    try {
      filter = JSON.parse(form.filter);
    } catch {
      filter = undefined;
    }
    if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
      details.push({ field: 'filter', message: 'Enter a JSON object, such as {"path": "data.object.amount", "op": "gte", "value": 10000}, or leave it empty' });
    }
  }
  return {
    retry_schedule: form.retry_schedule || null,
    timeout: form.timeout || null,
    max_in_flight: int('max_in_flight'),
    rate_limit: int('rate_limit'),
    headers: Object.keys(headers).length ? headers : null,
    filter,
    ordering: form.ordering || null,
  };
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

/**
 * The form as the API's WebhookCreate, checked against the API's schema, with one problem per
 * field it could not read; the service checks the rest (WebhookService.check answers every
 * problem together, so the form shows them all at once).
 */
export function checkWebhookForm(form: WebhookForm): { input: WebhookCreate; problems: ErrorDetail[] } {
  const problems: ErrorDetail[] = [];
  const input = { url: form.url, description: form.description, events: subscriptions(form.events) };
  const settings = settingsInput(form, problems);
  for (const e of Value.Errors(FormSchema, input)) {
    const name = e.path.split('/')[1] ?? '';
    if (!FRIENDLY[name] || problems.some((d) => d.field === name)) continue;
    const empty = (name === 'url' && form.url === '') || (name === 'events' && form.events.length === 0);
    problems.push({ field: name, message: FRIENDLY[name](empty ? 'empty' : 'long') });
  }
  return { input: { ...input, ...settings } as WebhookCreate, problems };
}

/**
 * The events as a webhook holds them: `*` alone when chosen, and no type that a chosen group
 * wildcard (`lead.*`) covers already (a browser without the script sends both).
 */
export function subscriptions(events: string[]): string[] {
  const chosen = [...new Set(events)];
  if (chosen.includes('*')) return ['*'];
  const wildcards = chosen.filter((e) => e.endsWith('.*'));
  return chosen.filter((e) => e.endsWith('.*') || !matchesEvent(wildcards, e));
}

/** Field errors by field name (the first message of each); the rest is a general message. */
export function errorsByField(e: ApiError): { fields: Record<string, string>; general: string | null } {
  const out: Record<string, string> = {};
  for (const d of e.details) {
    const path = d.field?.replace(/^body\./, '');
    const name = path?.split(/[.[]/)[0];
    // Inside a filter, the message says where (`all[1].op: unknown operator …`).
    if (name && !(name in out)) out[name] = name === 'filter' && path !== 'filter' ? `${path!.slice('filter.'.length)}: ${d.message}` : d.message;
  }
  return { fields: out, general: Object.keys(out).length ? null : e.message };
}
