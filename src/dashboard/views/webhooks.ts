// Settings > Webhooks: the list with its empty state, and the Add / Edit webhook form.
import { EVENT_CATALOG } from '../../catalog.ts';
import { ORDERINGS, type Ordering, type Page } from '../../model.ts';
import { SETTINGS_FIELDS, type SettingsForm } from '../forms.ts';
import type { Webhook } from '../../contract/webhooks.ts';
import { html, statusBadge, time, type Html } from '../html.ts';
import { BASE, csrfField } from '../layout.ts';
import { successRate, type WebhookListStats as WebhookStats } from './stats.ts';

export const GROUPS = [
  { key: 'crm', label: 'CRM' },
  { key: 'sales', label: 'Sales' },
  // About the webhooks themselves; `*` (All events) leaves them out.
  { key: 'operational', label: 'Operational' },
] as const;

export function eventChips(events: readonly string[], max = 3): Html {
  if (events.includes('*')) return html`<span class="chip chip--all">All events</span>`;
  const shown = events.slice(0, max);
  return html`<span class="chips"
    >${shown.map((e) => html`<span class="chip">${e}</span>`)}${events.length > max ? html`<span class="chip chip--more">+${events.length - max} more</span>` : ''}</span
  >`;
}

export function enabledBadge(w: Pick<Webhook, 'enabled' | 'disabled_reason'>): Html {
  if (w.enabled) return html`<span class="badge badge--enabled">Enabled</span>`;
  return html`<span class="badge badge--disabled">Disabled${w.disabled_reason === 'failing' ? ' (failing)' : ''}</span>`;
}

function lastDelivery(s: WebhookStats | undefined, hookEnabled: boolean): Html {
  if (!s?.last) return html`<span class="muted">Never</span>`;
  return html`<a class="last" href="${BASE}/deliveries/${s.last.id}"
    >${statusBadge(s.last.status, s.last.attempt_count, hookEnabled)} ${time(new Date(s.last.at).toISOString(), 'relative')}</a
  >`;
}

const EMPTY = html`<section class="empty">
  <h2>No webhooks yet</h2>
  <p>
    A webhook sends an HTTP POST to a URL you choose the moment something happens in SalesOS — a lead is created, an opportunity is won, an order completes — so
    your systems stay in sync without polling. Every request is signed, retried for a day if your endpoint is down, and logged here.
  </p>
  <a class="button button--primary" href="${BASE}/webhooks/new">Add Webhook</a>
</section>`;

/** The table body that live updates replace. */
export function webhookRows(page: Page<Webhook>, stats: Map<string, WebhookStats>): Html {
  return html`${page.data.map(
    (w) =>
      html`<tr>
        <td data-label="Endpoint">
          <a class="url" href="${BASE}/webhooks/${w.id}">${w.url}</a>${w.description ? html`<div class="muted small">${w.description}</div>` : ''}
        </td>
        <td data-label="Events">${eventChips(w.events)}</td>
        <td data-label="Status">${enabledBadge(w)}</td>
        <td data-label="Success (24 h)">${successRate(stats.get(w.id))}</td>
        <td data-label="Last delivery">${lastDelivery(stats.get(w.id), w.enabled)}</td>
      </tr>`,
  )}`;
}

export function webhookList(page: Page<Webhook>, stats: Map<string, WebhookStats>, cursor: string | undefined): Html {
  const head = html`<div class="page-head">
    <div>
      <h1>Webhooks</h1>
      <p class="muted">Send SalesOS events to your endpoints as signed HTTP requests.</p>
    </div>
    ${page.data.length || cursor ? html`<a class="button button--primary" href="${BASE}/webhooks/new">Add Webhook</a>` : ''}
  </div>`;
  if (!page.data.length && !cursor) return html`${head}${EMPTY}`;
  const live = `${BASE}/webhooks/live.json${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
  return html`${head}
    <div class="card card--flush">
      <table class="table table--stack">
        <caption class="visually-hidden">
          Webhooks
        </caption>
        <thead>
          <tr>
            <th scope="col" class="col-wide">Endpoint</th>
            <th scope="col">Events</th>
            <th scope="col">Status</th>
            <th scope="col">Success (24 h)</th>
            <th scope="col">Last delivery</th>
          </tr>
        </thead>
        <tbody data-live="${live}">
          ${webhookRows(page, stats)}
        </tbody>
      </table>
    </div>
    ${pager(`${BASE}/webhooks`, cursor, page.next_cursor, {})}`;
}

/** Cursor pagination: back to the newest page, or on to older ones. */
export function pager(path: string, cursor: string | undefined, next: string | null, query: Record<string, string | undefined>): Html {
  if (!cursor && !next) return html``;
  const qs = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `${path}?${s}` : path;
  };
  return html`<nav class="pager" aria-label="Pages">
    ${cursor ? html`<a class="button button--small" href="${qs({ cursor: undefined })}">← Newest</a>` : html`<span></span>`}
    ${next ? html`<a class="button button--small" href="${qs({ cursor: next })}" rel="next">Older →</a>` : ''}
  </nav>`;
}

export interface FormState extends SettingsForm {
  url: string;
  description: string;
  events: string[];
  errors: Record<string, string>;
  general: string | null;
}

const friendly = (m: string) => m.replace(/^url /, 'The URL ').replace(/^./, (c) => c.toUpperCase());

function fieldError(id: string, message: string | undefined): Html {
  return message ? html`<p class="field-error" id="${id}-error">${friendly(message)}</p>` : html``;
}

const describedBy = (id: string, errors: Record<string, string>, name: string, hint?: string) => {
  const ids = [hint, errors[name] ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : html``;
};

/** The event families of a catalog group (`lead`, `contact`…), each with its types, in catalog order. */
function families(group: string): Array<{ prefix: string; types: typeof EVENT_CATALOG }> {
  const out: Array<{ prefix: string; types: typeof EVENT_CATALOG }> = [];
  for (const e of EVENT_CATALOG.filter((x) => x.group === group)) {
    const prefix = e.type.split('.')[0];
    const family = out.find((f) => f.prefix === prefix);
    if (family) family.types = [...family.types, e];
    else out.push({ prefix, types: [e] });
  }
  return out;
}

const descId = (value: string) => `desc-${value.replace(/\*/g, 'all').replace(/[^a-z0-9]+/gi, '-')}`;

/**
 * The events checkboxes: "All events" (`*`), then per catalog group each family's wildcard
 * (`lead.*`, which covers types added later) above its types, each with the catalog's
 * description. The script checks and disables what a chosen wildcard implies, so only the
 * wildcard is sent; without it both may be sent, and subscriptions() keeps the wildcard.
 */
function eventPicker(state: FormState): Html {
  const chosen = new Set(state.events);
  const all = chosen.has('*');
  const shown = new Set(['*', ...EVENT_CATALOG.flatMap((e) => [e.type, `${e.type.split('.')[0]}.*`])]);
  // Anything else the webhook holds stays choosable, so an edit keeps it.
  const others = state.events.filter((e) => !shown.has(e));
  const box = (value: string, attrs: Html) =>
    html`<input type="checkbox" name="events" value="${value}" aria-describedby="${descId(value)}" ${attrs}${chosen.has(value) ? html` checked` : ''} />`;
  return html`<fieldset
    class="field events-picker${state.errors.events ? ' has-error' : ''}"
    id="events"
    data-event-picker
    ${describedBy('events', state.errors, 'events', 'events-hint')}
  >
    <legend>Events to send</legend>
    <p class="hint" id="events-hint">Choose the events this endpoint receives: every event, a whole group such as lead.*, or single event types.</p>
    ${fieldError('events', state.errors.events)}
    <label class="check check--all"
      ><input type="checkbox" name="events" value="*" aria-describedby="${descId('*')}" data-all-events ${all ? ' checked' : ''} />
      <span
        ><strong>All events</strong>
        <span class="muted" id="${descId('*')}">— every CRM and sales event, including types added later (not the operational ones)</span></span
      ></label
    >
    ${
      others.length
        ? html`<div class="event-group">
            <p class="event-group__title">Other subscriptions</p>
            ${others.map((p) => html`<label class="check"><input type="checkbox" name="events" value="${p}" checked /> <code>${p}</code></label>`)}
          </div>`
        : ''
    }
    <div class="event-groups">
      ${GROUPS.map(
        (g) =>
          html`<div class="event-group" data-group-box="${g.key}">
            <p class="event-group__title"><strong>${g.label}</strong></p>
            ${families(g.key).map(
              (f) =>
                html`<div class="event-family" id="family-${f.prefix}" ${g.key === 'operational' ? html` data-outside-all` : ''}>
                  <label class="check check--family"
                    >${box(`${f.prefix}.*`, html`data-wildcard="${f.prefix}"`)}
                    <span><strong>All ${f.prefix} events</strong> <code>${f.prefix}.*</code></span></label
                  >
                  <p class="event-desc muted small" id="${descId(`${f.prefix}.*`)}">Every ${f.prefix} event, including ones added later</p>
                  <ul class="event-family__list">
                    ${f.types.map(
                      (e) =>
                        html`<li>
                          <label class="check">${box(e.type, html`data-family="${f.prefix}"`)} <code>${e.type}</code></label>
                          <p class="event-desc muted small" id="${descId(e.type)}">${e.description}</p>
                        </li>`,
                    )}
                  </ul>
                </div>`,
            )}
          </div>`,
      )}
    </div>
  </fieldset>`;
}

/** One text field of the delivery settings, with its hint and its inline error. */
function settingField(state: FormState, name: keyof SettingsForm, label: string, hint: string, attrs: Html = html``): Html {
  return html`<div class="field${state.errors[name] ? ' has-error' : ''}">
    <label for="${name}">${label} <span class="muted">(optional)</span></label>
    <p class="hint" id="${name}-hint">${hint}</p>
    <input
      id="${name}"
      name="${name}"
      type="text"
      autocomplete="off"
      spellcheck="false"
      value="${state[name]}"
      ${attrs}${state.errors[name] ? html` aria-invalid="true"` : ''}${describedBy(name, state.errors, name, `${name}-hint`)}
    />
    ${fieldError(name, state.errors[name])}
  </div>`;
}

/** The per-webhook delivery settings (SPEC §11); empty fields mean the service default. */
function settingsFields(state: FormState): Html {
  const set = SETTINGS_FIELDS.some((f) => (f === 'ordering' ? state.ordering !== 'none' && state.ordering !== '' : state[f] !== ''));
  const failed = SETTINGS_FIELDS.some((f) => state.errors[f]);
  return html`<details class="field settings" id="settings" ${set || failed ? ' open' : ''}>
    <summary><strong>Delivery settings</strong> <span class="muted small">— leave empty for the service defaults</span></summary>
    ${settingField(state, 'retry_schedule', 'Retry schedule', 'Delays before each retry, for example 10s,1m,10m,1h: at most 10 retries and 3 days in total.')}
    ${settingField(state, 'timeout', 'Timeout', 'How long one attempt may take, from 1s to 30s.')}
    ${settingField(state, 'max_in_flight', 'Max in flight', 'Attempts to this endpoint at once.', html` inputmode="numeric"`)}
    ${settingField(state, 'rate_limit', 'Rate limit', 'Deliveries per second (1 to 10,000), across every worker.', html` inputmode="numeric"`)}
    <div class="field${state.errors.headers ? ' has-error' : ''}">
      <label for="headers">Custom headers <span class="muted">(optional)</span></label>
      <p class="hint" id="headers-hint">One per line, Name: value. Sent with every attempt; up to 20.</p>
      <textarea
        id="headers"
        name="headers"
        rows="3"
        spellcheck="false"
        ${state.errors.headers ? html` aria-invalid="true"` : ''}${describedBy('headers', state.errors, 'headers', 'headers-hint')}
      >
${state.headers}</textarea>
      <label for="secret_headers">Secret headers <span class="muted">(optional)</span></label>
      <p class="hint" id="secret_headers-hint">The same, masked in the delivery log and on this page; leave •••• to keep a stored value.</p>
      <textarea id="secret_headers" name="secret_headers" rows="2" spellcheck="false" aria-describedby="secret_headers-hint">${state.secret_headers}</textarea>
      ${fieldError('headers', state.errors.headers)}
    </div>
    <div class="field${state.errors.filter ? ' has-error' : ''}">
      <label for="filter">Filter <span class="muted">(optional)</span></label>
      <p class="hint" id="filter-hint">
        Only events whose payload matches, as JSON: {"path": "data.object.amount", "op": "gte", "value": 10000}, combined with all, any, not. See Filters in the
        webhooks guide.
      </p>
      <textarea
        id="filter"
        name="filter"
        rows="3"
        spellcheck="false"
        ${state.errors.filter ? html` aria-invalid="true"` : ''}${describedBy('filter', state.errors, 'filter', 'filter-hint')}
      >
${state.filter}</textarea>
      ${fieldError('filter', state.errors.filter)}
    </div>
    <div class="field${state.errors.ordering ? ' has-error' : ''}">
      <label for="ordering">Ordering</label>
      <select id="ordering" name="ordering" ${describedBy('ordering', state.errors, 'ordering', 'ordering-hint')}>
        ${ORDERINGS.map((o) => html`<option value="${o}" ${state.ordering === o ? ' selected' : ''}>${ORDERING_LABELS[o]}</option>`)}
      </select>
      <p class="hint" id="ordering-hint">Per object: the events of one object are delivered one at a time, in order.</p>
      ${fieldError('ordering', state.errors.ordering)}
    </div>
  </details>`;
}

const ORDERING_LABELS: Record<Ordering, string> = { none: 'None (fastest)', per_object: 'Per object' };

export function webhookForm(o: { state: FormState; csrf: string; action: string; submit: string; cancel: string; title: string; intro: string }): Html {
  const { state } = o;
  return html`<div class="page-head">
      <div>
        <h1>${o.title}</h1>
        <p class="muted">${o.intro}</p>
      </div>
    </div>
    <form class="card form" method="post" action="${o.action}" novalidate>
      ${csrfField(o.csrf)} ${state.general ? html`<div class="flash flash--error" role="alert">${state.general}</div>` : ''}
      ${Object.keys(state.errors).length ? html`<p class="visually-hidden" role="alert">The form has errors: ${Object.entries(state.errors).map(([k, v]) => `${k}: ${friendly(v)}. `)}</p>` : ''}
      <div class="field${state.errors.url ? ' has-error' : ''}">
        <label for="url">Endpoint URL</label>
        <p class="hint" id="url-hint">The URL SalesOS sends a signed POST to, for example https://example.com/hooks/salesos</p>
        <input
          id="url"
          name="url"
          type="url"
          inputmode="url"
          autocomplete="off"
          spellcheck="false"
          maxlength="2048"
          value="${state.url}"
          placeholder="https://"
          ${state.errors.url ? html` aria-invalid="true"` : ''}${describedBy('url', state.errors, 'url', 'url-hint')}
        />
        ${fieldError('url', state.errors.url)}
      </div>
      <div class="field${state.errors.description ? ' has-error' : ''}">
        <label for="description">Description <span class="muted">(optional)</span></label>
        <input
          id="description"
          name="description"
          type="text"
          maxlength="500"
          value="${state.description}"
          ${state.errors.description ? html` aria-invalid="true"` : ''}${describedBy('description', state.errors, 'description')}
        />
        ${fieldError('description', state.errors.description)}
      </div>
      ${eventPicker(state)} ${settingsFields(state)}
      <div class="form__actions">
        <button type="submit" class="button button--primary">${o.submit}</button>
        <a class="button" href="${o.cancel}">Cancel</a>
      </div>
    </form>`;
}
