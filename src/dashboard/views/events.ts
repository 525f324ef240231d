// The Events page (recent events and what became of each one at every webhook) and sign-in.
import type { DeliveryView } from '../../delivery/service.ts';
import type { EventView } from '../../events/service.ts';
import type { Page } from '../../model.ts';
import type { WebhookRef } from '../../store/ports.ts';
import { html, statusBadge, time, type Html } from '../html.ts';
import { BASE } from '../layout.ts';
import { pager } from './webhooks.ts';

export interface EventRowModel {
  event: EventView;
  deliveries: DeliveryView[];
}

/** Test events (test sends, `salesos events trigger`) are marked wherever they are listed. */
const testChip = (e: EventView) => (e.test ? html` <span class="chip" title="A test event: its deliveries carry X-Webhook-Test: true">Test</span>` : '');

export function eventRows(rows: EventRowModel[], urls: Map<string, WebhookRef>): Html {
  if (!rows.length)
    return html`<tr class="table__empty">
      <td colspan="3">No events yet. Events appear here as soon as something happens in SalesOS.</td>
    </tr>`;
  return html`${rows.map(
    ({ event, deliveries }) =>
      html`<tr data-event="${event.id}">
        <td data-label="Event">
          <a href="${BASE}/events/${event.id}"><code>${event.type}</code></a
          >${testChip(event)}
          <div class="muted small mono">${event.id}</div>
        </td>
        <td data-label="Created">${time(event.created_at)}</td>
        <td data-label="Deliveries">
          ${
            deliveries.length
              ? html`<ul class="outcomes">
                  ${deliveries.map((d) => {
                    const hook = urls.get(d.webhook_id);
                    return html`<li>
                      <a href="${BASE}/deliveries/${d.id}"
                        >${statusBadge(d.status, d.attempt_count, hook?.enabled ?? true)} <span class="url">${hook?.url ?? d.webhook_id}</span></a
                      >${hook?.deleted ? html` <span class="muted small">(deleted)</span>` : ''}
                    </li>`;
                  })}
                </ul>`
              : html`<span class="muted">No webhook subscribed</span>`
          }
        </td>
      </tr>`,
  )}`;
}

/** `group`: only the events of that catalog group (`operational`: the notices about your webhooks). */
export function eventsPage(page: Page<EventRowModel>, urls: Map<string, WebhookRef>, cursor: string | undefined, group?: string): Html {
  const params = new URLSearchParams({ ...(group ? { group } : {}), ...(cursor ? { cursor } : {}) }).toString();
  const live = `${BASE}/events/live.json${params ? `?${params}` : ''}`;
  return html`<div class="page-head">
      <div>
        <h1>Events</h1>
        ${
          group === 'operational'
            ? html`<p class="muted">
                Operational events: what happened to your webhooks (failing, recovered, disabled, deliveries given up). <a href="${BASE}/events">All events</a>
              </p>`
            : html`<p class="muted">Recent events of your organization and their delivery to each webhook.</p>`
        }
      </div>
      <span class="live-dot" data-live-indicator>Live</span>
    </div>
    <div class="card card--flush">
      <table class="table table--stack">
        <caption class="visually-hidden">
          Events, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Created</th>
            <th scope="col">Deliveries</th>
          </tr>
        </thead>
        <tbody data-live="${live}">
          ${eventRows(page.data, urls)}
        </tbody>
      </table>
    </div>
    ${pager(`${BASE}/events`, cursor, page.next_cursor, { group })}`;
}

/** One event: its payload, and every delivery it made (one per webhook it went to). */
export function eventPage(row: EventRowModel, urls: Map<string, WebhookRef>): Html {
  const { event, deliveries } = row;
  return html`<div class="page-head">
      <div class="page-head__main">
        <p class="eyebrow">Event</p>
        <h1><code>${event.type}</code>${testChip(event)}</h1>
        <p class="muted mono">${event.id} · ${time(event.created_at)}</p>
      </div>
    </div>
    <section class="card card--flush" aria-labelledby="event-deliveries">
      <div class="card__head"><h2 id="event-deliveries">Deliveries</h2></div>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption class="visually-hidden">
            Every delivery of this event, one per webhook
          </caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Webhook</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last attempt</th>
            </tr>
          </thead>
          <tbody>
            ${
              deliveries.length
                ? deliveries.map((d) => {
                    const hook = urls.get(d.webhook_id);
                    return html`<tr data-delivery="${d.id}">
                      <td data-label="Status"><a href="${BASE}/deliveries/${d.id}">${statusBadge(d.status, d.attempt_count, hook?.enabled ?? true)}</a></td>
                      <td data-label="Webhook">
                        ${hook && !hook.deleted ? html`<a class="url" href="${BASE}/webhooks/${d.webhook_id}">${hook.url}</a>` : html`<span class="url">${hook?.url ?? d.webhook_id}</span> <span class="muted small">(deleted)</span>`}
                        <div class="muted mono id">${d.id}</div>
                      </td>
                      <td data-label="Attempts">${d.attempt_count}</td>
                      <td data-label="Last attempt">${time(d.last_attempt_at, 'relative')}</td>
                    </tr>`;
                  })
                : html`<tr class="table__empty">
                    <td colspan="4">No webhook was subscribed to this event.</td>
                  </tr>`
            }
          </tbody>
        </table>
      </div>
    </section>
    <section class="card" aria-labelledby="event-payload">
      <h2 id="event-payload">Payload</h2>
      <pre class="code" tabindex="0">${JSON.stringify(event, null, 2)}</pre>
    </section>`;
}

export function signInPage(o: { token: string; error: string | null; next: string }): Html {
  return html`<section class="card signin">
    <h1>Sign in to SalesOS</h1>
    <p class="muted">Use an API key of your organization. It is checked once and never stored in your browser.</p>
    <form method="post" action="${BASE}/sign-in" novalidate>
      <input type="hidden" name="_signin" value="${o.token}" />
      <input type="hidden" name="next" value="${o.next}" />
      <div class="field${o.error ? ' has-error' : ''}">
        <label for="key">API key</label>
        <input
          id="key"
          name="key"
          type="password"
          autocomplete="current-password"
          spellcheck="false"
          placeholder="sos_…"
          required${o.error ? html` aria-invalid="true" aria-describedby="key-error"` : ''}
          autofocus
        />
        ${o.error ? html`<p class="field-error" id="key-error" role="alert">${o.error}</p>` : ''}
      </div>
      <button type="submit" class="button button--primary button--block">Sign in</button>
    </form>
    <p class="muted small">The first start of <code>salesos serve</code> prints a key; <code>salesos keys create</code> makes more.</p>
  </section>`;
}
