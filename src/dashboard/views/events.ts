// The Events page (recent events and what became of each one at every webhook) and sign-in.
import type { DeliveryView } from '../../delivery/service.ts';
import type { EventView } from '../../events/service.ts';
import type { Page } from '../../model.ts';
import { html, statusBadge, time, type Html } from '../html.ts';
import { BASE } from '../layout.ts';
import { pager } from './webhooks.ts';

export interface EventRowModel {
  event: EventView;
  deliveries: DeliveryView[];
}

export function eventRows(rows: EventRowModel[], urls: Map<string, { url: string; deleted: boolean }>): Html {
  if (!rows.length)
    return html`<tr class="table__empty">
      <td colspan="3">No events yet. Events appear here as soon as something happens in SalesOS.</td>
    </tr>`;
  return html`${rows.map(
    ({ event, deliveries }) =>
      html`<tr data-event="${event.id}">
        <td data-label="Event">
          <code>${event.type}</code>
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
                      <a href="${BASE}/deliveries/${d.id}">${statusBadge(d.status, d.attempt_count)} <span class="url">${hook?.url ?? d.webhook_id}</span></a
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

export function eventsPage(page: Page<EventRowModel>, urls: Map<string, { url: string; deleted: boolean }>, cursor: string | undefined): Html {
  const live = `${BASE}/events/live.json${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`;
  return html`<div class="page-head">
      <div>
        <h1>Events</h1>
        <p class="muted">Recent events of your organization and their delivery to each webhook.</p>
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
    ${pager(`${BASE}/events`, cursor, page.next_cursor, {})}`;
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
