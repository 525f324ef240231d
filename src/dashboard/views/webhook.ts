// A webhook's page: its settings, signing secret, test events and the live delivery log.
import { EVENT_CATALOG, matchesEvent } from '../../catalog.ts';
import type { DeliveryView } from '../../delivery/service.ts';
import { DELIVERY_STATUSES, type DeliveryStatus, type Page } from '../../model.ts';
import type { Webhook } from '../../contract/webhooks.ts';
import { html, plural, statusBadge, time, type Html } from '../html.ts';
import { BASE, csrfField } from '../layout.ts';
import { enabledBadge, GROUPS, pager } from './webhooks.ts';

export const STATUSES = DELIVERY_STATUSES;

/** The log's time ranges, newest first: the last hour, day, week, month. */
export const LOG_RANGES = [
  ['1h', 'Last hour', 60 * 60_000],
  ['24h', 'Last 24 hours', 24 * 60 * 60_000],
  ['7d', 'Last 7 days', 7 * 24 * 60 * 60_000],
  ['30d', 'Last 30 days', 30 * 24 * 60 * 60_000],
] as const;
export type LogRange = (typeof LOG_RANGES)[number][0];

export interface LogFilter {
  status?: DeliveryStatus;
  event_type?: string;
  range?: LogRange;
  /** The id of an event: that event's delivery to this webhook. */
  event_id?: string;
  /** A delivery id typed in the search box: the page opens that delivery. */
  delivery_id?: string;
  /** What was typed in the search box when it was not an event or delivery id. */
  badSearch?: string;
  cursor?: string;
}

/** The filter as query parameters (without the cursor: the pager adds its own). */
export function filterParams(f: LogFilter): Record<string, string | undefined> {
  return { status: f.status, event_type: f.event_type, range: f.range, q: f.event_id };
}

function filterQuery(f: LogFilter): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filterParams(f), cursor: f.cursor })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const isFiltered = (f: LogFilter) => Boolean(f.status || f.event_type || f.range || f.event_id);

function nextStep(d: DeliveryView, hookEnabled: boolean): Html {
  if (d.status !== 'pending') return html``;
  if (!hookEnabled) return html`<span class="muted small">until the webhook is enabled</span>`;
  if (!d.next_attempt_at) return html`<span class="muted small">sending…</span>`;
  if (d.attempt_count === 0) return html`<span class="muted small">queued</span>`;
  return html`<span class="muted small">next try ${time(d.next_attempt_at, 'relative')}</span>`;
}

/** Rows of the delivery log; the live endpoint answers the same markup. */
export function deliveryRows(log: Page<DeliveryView>, filter: LogFilter, hookEnabled: boolean): Html {
  if (!log.data.length) {
    const filtered = isFiltered(filter);
    return html`<tr class="table__empty">
      <td colspan="5">
        ${filtered ? 'No deliveries match these filters.' : 'No deliveries yet. Send a test event, or wait for the next event — it appears here as it happens.'}
      </td>
    </tr>`;
  }
  return html`${log.data.map(
    (d) =>
      html`<tr data-delivery="${d.id}">
        <td data-label="Status">${statusBadge(d.status, d.attempt_count, hookEnabled)}</td>
        <td data-label="Event">
          <a href="${BASE}/deliveries/${d.id}"><code>${d.event_type}</code></a>
          <div class="muted mono id">${d.id}</div>
        </td>
        <td data-label="Attempts">${d.attempt_count}</td>
        <td data-label="Created" class="nowrap">${time(d.created_at, 'short')}</td>
        <td data-label="Last attempt">${time(d.last_attempt_at, 'relative')} ${nextStep(d, hookEnabled)}</td>
      </tr>`,
  )}`;
}

function logFilters(hook: Webhook, filter: LogFilter): Html {
  const opt = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}" ${value === (current ?? '') ? ' selected' : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="${BASE}/webhooks/${hook.id}" data-autosubmit>
    <div class="field field--inline">
      <label for="f-status">Status</label>
      <select id="f-status" name="status">
        ${opt('', 'All statuses', filter.status)}${STATUSES.map((s) => opt(s, s[0].toUpperCase() + s.slice(1), filter.status))}
      </select>
    </div>
    <div class="field field--inline">
      <label for="f-type">Event type</label>
      <select id="f-type" name="event_type">
        ${opt('', 'All event types', filter.event_type)}${GROUPS.map(
          (g) =>
            html`<optgroup label="${g.label}">${EVENT_CATALOG.filter((e) => e.group === g.key).map((e) => opt(e.type, e.type, filter.event_type))}</optgroup>`,
        )}
      </select>
    </div>
    <div class="field field--inline">
      <label for="f-range">Time</label>
      <select id="f-range" name="range">
        ${opt('', 'Any time', filter.range)}${LOG_RANGES.map(([value, label]) => opt(value, label, filter.range))}
      </select>
    </div>
    <div class="field field--inline${filter.badSearch ? ' has-error' : ''}">
      <label for="f-q">Search</label>
      <input
        id="f-q"
        name="q"
        type="search"
        spellcheck="false"
        placeholder="evt_… or dlv_…"
        value="${filter.event_id ?? filter.badSearch ?? ''}"
        ${filter.badSearch ? html` aria-invalid="true" aria-describedby="f-q-error"` : ''}
      />
      ${filter.badSearch ? html`<p class="field-error" id="f-q-error" role="alert">Enter an event id (evt_…) or a delivery id (dlv_…)</p>` : ''}
    </div>
    <button type="submit" class="button button--small">Apply</button>
    ${isFiltered(filter) || filter.badSearch ? html`<a class="button button--small button--ghost" href="${BASE}/webhooks/${hook.id}">Clear</a>` : ''}
  </form>`;
}

/** A secret that signs now, as the webhook page lists it (never its value). */
export interface SigningSecretView {
  id: string;
  created_at: string;
  /** When it stops signing; null: the current secret, until the next rotation. */
  expires_at: string | null;
}

function signingList(secrets: SigningSecretView[]): Html {
  if (!secrets.length) return html``;
  return html`<h3 class="small-title" id="signing-title">Secrets that sign now</h3>
    <ul class="signing" aria-labelledby="signing-title">
      ${secrets.map(
        (x) =>
          html`<li data-signing-secret="${x.id}">
            <strong>${x.expires_at === null ? 'Current secret' : 'Previous secret'}</strong>
            <span class="muted small mono">${x.id}</span>
            <span class="small"
              >${
                x.expires_at === null
                  ? html`since ${time(x.created_at)}; signs until the next rotation`
                  : html`stops signing ${time(x.expires_at)} (${time(x.expires_at, 'relative')})`
              }</span
            >
          </li>`,
      )}
    </ul>`;
}

function secretCard(hook: Webhook, csrf: string, revealed: string | null, signing: SigningSecretView[], grace: string): Html {
  return html`<section class="card" aria-labelledby="secret-title">
    <h2 id="secret-title">Signing secret</h2>
    <p class="muted small">Verify every request with this secret (Standard Webhooks). Keep it on your server.</p>
    <div class="secret" data-secret-box>
      <code class="secret__value" id="secret-value" data-secret-url="${BASE}/webhooks/${hook.id}/secret.json" aria-live="polite"
        >${revealed ?? 'whsec_••••••••••••••••••••••••'}</code
      >
      <div class="secret__actions">
        <a
          class="button button--small"
          href="${revealed ? `${BASE}/webhooks/${hook.id}` : `${BASE}/webhooks/${hook.id}?reveal=1`}"
          data-reveal-secret
          role="button"
          aria-controls="secret-value"
          aria-pressed="${revealed ? 'true' : 'false'}"
          >${revealed ? 'Hide' : 'Reveal'}</a
        >
        <button type="button" class="button button--small" data-copy-secret aria-controls="secret-value">Copy</button>
        <button type="button" class="button button--small" data-open-dialog="rotate-dialog">Rotate…</button>
      </div>
    </div>
    ${signingList(signing)}
    <dialog id="rotate-dialog" aria-labelledby="rotate-title">
      <form method="post" action="${BASE}/webhooks/${hook.id}/rotate-secret">
        ${csrfField(csrf)}
        <h2 id="rotate-title">Rotate the signing secret?</h2>
        <p>A new secret signs from now on. What becomes of the current one:</p>
        <fieldset class="stack">
          <legend class="visually-hidden">The current secret</legend>
          <label class="check"
            ><input type="radio" name="previous" value="grace" checked />
            <span
              >Keep it signing beside the new one for <strong data-grace>${grace}</strong>, so you can deploy the new secret without dropping requests</span
            ></label
          >
          <label class="check"
            ><input type="radio" name="previous" value="now" />
            <span>End the previous secret's grace now: it stops signing at once (for a leaked secret)</span></label
          >
        </fieldset>
        <div class="form__actions">
          <button type="submit" class="button button--primary">Rotate secret</button><button type="button" class="button" data-close-dialog>Cancel</button>
        </div>
      </form>
    </dialog>
  </section>`;
}

function testCard(hook: Webhook, csrf: string, error: string | null): Html {
  const subscribed = EVENT_CATALOG.filter((e) => matchesEvent(hook.events, e.type));
  const others = EVENT_CATALOG.filter((e) => !matchesEvent(hook.events, e.type));
  const opt = (t: string) => html`<option value="${t}">${t}</option>`;
  return html`<section class="card" aria-labelledby="test-title">
    <h2 id="test-title">Send a test event</h2>
    <form method="post" action="${BASE}/webhooks/${hook.id}/test" class="stack">
      ${csrfField(csrf)}
      <div class="field${error ? ' has-error' : ''}">
        <label for="test-type">Test event type</label>
        <select id="test-type" name="event_type" ${error ? html` aria-invalid="true" aria-describedby="test-type-error"` : ''}>
          ${subscribed.length ? html`<optgroup label="Subscribed">${subscribed.map((e) => opt(e.type))}</optgroup>` : ''}
          ${others.length ? html`<optgroup label="Other events">${others.map((e) => opt(e.type))}</optgroup>` : ''}
        </select>
        ${error ? html`<p class="field-error" id="test-type-error">${error}</p>` : ''}
      </div>
      <button type="submit" class="button" ${hook.enabled ? '' : ' disabled'}>Send test event</button>
      ${hook.enabled ? '' : html`<p class="muted small">Enable the webhook to send test events.</p>`}
    </form>
  </section>`;
}

/** The webhook's delivery settings, defaults named as such; secret header values masked. */
function settingsCard(hook: Webhook): Html {
  const dflt = html`<span class="muted">service default</span>`;
  const headers = Object.entries(hook.headers ?? {});
  return html`<section class="card" aria-labelledby="settings-title">
    <h2 id="settings-title">Delivery settings</h2>
    <dl class="details">
      <dt>Retry schedule</dt>
      <dd class="mono">${hook.retry_schedule ?? dflt}</dd>
      <dt>Timeout</dt>
      <dd>${hook.timeout ?? dflt}</dd>
      <dt>Max in flight</dt>
      <dd>${hook.max_in_flight ?? dflt}</dd>
      <dt>Rate limit</dt>
      <dd>${hook.rate_limit === null ? html`<span class="muted">none</span>` : `${hook.rate_limit} per second`}</dd>
      <dt>Headers</dt>
      <dd>
        ${
          headers.length
            ? html`<ul class="plain mono">
                ${headers.map(([n, v]) => html`<li>${n}: ${typeof v === 'string' ? v : html`${v.value} <span class="muted">(secret)</span>`}</li>`)}
              </ul>`
            : html`<span class="muted">none</span>`
        }
      </dd>
      <dt>Filter</dt>
      <dd>${hook.filter ? html`<code>${JSON.stringify(hook.filter)}</code>` : html`<span class="muted">none</span>`}</dd>
      <dt>Ordering</dt>
      <dd>${hook.ordering === 'per_object' ? 'Per object' : 'None'}</dd>
    </dl>
  </section>`;
}

export interface WebhookPageModel {
  hook: Webhook;
  log: Page<DeliveryView>;
  filter: LogFilter;
  csrf: string;
  revealed: string | null;
  testError: string | null;
  /** The secrets that sign now, newest first. */
  signing: SigningSecretView[];
  /** The grace a rotation gives the previous secret (SALESOS_SECRET_GRACE), for people. */
  grace: string;
  /** The health card (views/stats.ts). */
  health?: Html;
  /** The "Recover / replay" card (views/tasks.ts), rendered by its page route. */
  tasks?: Html;
}

export function webhookPage(m: WebhookPageModel): Html {
  const { hook, csrf } = m;
  const live = `${BASE}/webhooks/${hook.id}/deliveries.json${filterQuery(m.filter)}`;
  return html`<div class="page-head">
  <div class="page-head__main">
    <p class="eyebrow">Webhook</p>
    <h1 class="url">${hook.url}</h1>
    ${hook.description ? html`<p class="muted">${hook.description}</p>` : ''}
    <p>${enabledBadge(hook)}</p>
  </div>
  <div class="actions">
    <a class="button" href="${BASE}/webhooks/${hook.id}/edit">Edit</a>
    <form method="post" action="${BASE}/webhooks/${hook.id}/${hook.enabled ? 'disable' : 'enable'}">${csrfField(csrf)}<button type="submit" class="button">${hook.enabled ? 'Disable' : 'Enable'}</button></form>
    <button type="button" class="button button--danger" data-open-dialog="delete-dialog">Delete…</button>
  </div>
</div>
<dialog id="delete-dialog" aria-labelledby="delete-title">
  <form method="post" action="${BASE}/webhooks/${hook.id}/delete">
    ${csrfField(csrf)}
    <h2 id="delete-title">Delete this webhook?</h2>
    <p><span class="url">${hook.url}</span> stops receiving events now, and its pending deliveries are canceled. This cannot be undone.</p>
    <div class="form__actions"><button type="submit" class="button button--danger">Delete webhook</button><button type="button" class="button" data-close-dialog>Cancel</button></div>
  </form>
</dialog>
<div class="cards-row">
  ${secretCard(hook, csrf, m.revealed, m.signing, m.grace)}
  ${testCard(hook, csrf, m.testError)}
  <section class="card" aria-labelledby="details-title">
    <h2 id="details-title">Details</h2>
    <dl class="details">
      <dt>ID</dt><dd class="mono">${hook.id}</dd>
      <dt>Created</dt><dd>${time(hook.created_at)}</dd>
      <dt>Events</dt><dd>${
        hook.events.includes('*')
          ? html`<span class="chip chip--all">All events</span>`
          : html`<details class="events-more">
              <summary>${plural(hook.events.length, 'event type')}</summary>
              <ul class="chips chips--list">
                ${hook.events.map((e) => html`<li class="chip">${e}</li>`)}
              </ul>
            </details>`
      }</dd>
    </dl>
  </section>
</div>
${m.health ?? ''}
${settingsCard(hook)}
${m.tasks ?? ''}
<section class="card card--flush log" aria-labelledby="log-title">
  <div class="card__head"><h2 id="log-title">Delivery log</h2><span class="live-dot" data-live-indicator>Live</span></div>
  ${logFilters(hook, m.filter)}
  <div class="table-wrap"><table class="table table--log">
    <caption class="visually-hidden">Deliveries, newest first</caption>
    <thead><tr><th scope="col">Status</th><th scope="col">Event</th><th scope="col">Attempts</th><th scope="col">Created</th><th scope="col">Last attempt</th></tr></thead>
    <tbody data-live="${live}">${deliveryRows(m.log, m.filter, hook.enabled)}</tbody>
  </table></div>
  ${pager(`${BASE}/webhooks/${hook.id}`, m.filter.cursor, m.log.next_cursor, filterParams(m.filter))}
</section></div>`;
}
