// A delivery and its attempts: what was sent (headers and the event body), what came back
// (status, headers, body excerpt), how long it took and why it failed; Retry.
import type { DeliveryService } from '../../delivery/service.ts';
import type { ErrorClass } from '../../model.ts';
import type { WebhookRef } from '../../store/ports.ts';
import { html, plural, statusBadge, time, type Html } from '../html.ts';
import { BASE, csrfField } from '../layout.ts';
import { curlCommand } from '../curl.ts';

export type DeliveryDetail = Awaited<ReturnType<DeliveryService['get']>>;
type Attempt = DeliveryDetail['attempts'][number];

const ERROR_LABELS: Record<ErrorClass, string> = {
  http_status: 'Non-2xx response',
  timeout: 'Timed out',
  connection_refused: 'Connection refused',
  connection_reset: 'Connection reset',
  dns: 'DNS lookup failed',
  tls: 'TLS error',
  redirect: 'Redirect (not followed)',
  blocked_address: 'Blocked private address',
  invalid_response: 'Invalid response',
  network: 'Network error',
  throttled: 'Throttled (429, Retry-After)',
};

function headerTable(headers: Record<string, string> | null, label: string): Html {
  const entries = Object.entries(headers ?? {});
  if (!entries.length) return html`<p class="muted small">No headers</p>`;
  return html`<table class="kv">
    <caption class="visually-hidden">
      ${label}
    </caption>
    <tbody>
      ${entries.map(
        ([k, v]) =>
          html`<tr>
            <th scope="row">${k}</th>
            <td class="kv__value">${v}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/**
 * What the attempt sent, exactly: method and URL, every header (the signatures too; secret
 * custom headers masked, as the log stores them), the body byte for byte, and the same as a
 * curl command. The URL is the webhook's current one.
 */
function sentRequest(a: Attempt, url: string | null, body: string): Html {
  const id = `curl-${a.attempt_number}`;
  return html`<section class="request" aria-labelledby="request-${a.attempt_number}">
    <h3 id="request-${a.attempt_number}">Request</h3>
    <p class="request__line mono"><strong>POST</strong> ${url ?? html`<span class="muted">(URL unknown)</span>`}</p>
    ${headerTable(a.request_headers, 'Request headers')}
    <h4>Body <span class="muted small">(exactly as sent)</span></h4>
    <pre class="code code--wrap" tabindex="0" data-request-body>${body}</pre>
    ${
      url
        ? html`<div class="curl">
            <button type="button" class="button button--small" data-copy-curl="${id}" aria-controls="${id}">Copy as cURL</button>
            <details>
              <summary class="small">Show the curl command</summary>
              <pre class="code code--wrap" id="${id}" tabindex="0">${curlCommand('POST', url, a.request_headers, body)}</pre>
              <p class="muted small">
                It repeats this attempt as sent, signature included: receivers reject a signature timestamp more than 5 minutes old. Secret headers stay masked
                (••••): put their values in before you run it.
              </p>
            </details>
          </div>`
        : ''
    }
  </section>`;
}

/** Pretty-prints JSON bodies; anything else is shown as it came. */
function prettyBody(body: string | null): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function outcome(a: Attempt): Html {
  if (a.error_class === null) return html`<span class="badge badge--succeeded">Succeeded</span>`;
  return html`<span class="badge badge--failed">Failed</span>
    <span class="error-class" data-error-class="${a.error_class}">${ERROR_LABELS[a.error_class]}</span>`;
}

function attemptCard(a: Attempt, url: string | null, requestBody: string, open: boolean): Html {
  return html`<details class="attempt card" ${open ? ' open' : ''} data-attempt="${a.attempt_number}">
    <summary>
      <span class="attempt__title">Attempt ${a.attempt_number}</span>
      ${outcome(a)}
      <span class="attempt__meta"
        ><span>${a.response_status === null ? 'No response' : `HTTP ${a.response_status}`}</span><span>${a.duration_ms} ms</span
        ><span>${a.trigger}</span>${time(a.started_at)}</span
      >
    </summary>
    ${a.error_message ? html`<p class="attempt__error"><strong>${a.error_class ?? 'error'}</strong>: ${a.error_message}</p>` : ''}
    <div class="exchange">
      ${sentRequest(a, url, requestBody)}
      <section>
        <h3>Response${a.response_status === null ? '' : html` <span class="muted">${a.response_status}</span>`}</h3>
        ${a.response_status === null ? html`<p class="muted small">No response was received.</p>` : headerTable(a.response_headers, 'Response headers')}
        ${
          a.response_body
            ? html`<h4>Body <span class="muted small">(first 4 KiB)</span></h4>
                <pre class="code" tabindex="0">${prettyBody(a.response_body)}</pre>`
            : a.response_status === null
              ? ''
              : html`<p class="muted small">Empty body</p>`
        }
      </section>
    </div>
  </details>`;
}

export interface DeliveryPageModel {
  delivery: DeliveryDetail;
  hook: WebhookRef | null;
  /** The body every attempt sent, exactly. */
  requestBody: string;
  csrf: string;
}

/** The part of the page that live updates replace: status, actions and attempts. */
export function deliveryLive(m: DeliveryPageModel): Html {
  const d = m.delivery;
  // A pending delivery without a next attempt time is being attempted right now (the API says 409).
  const retryable = d.status !== 'canceled' && !(d.status === 'pending' && !d.next_attempt_at);
  const attempts = [...d.attempts].reverse();
  // A disabled webhook's pending delivery waits until it is enabled (it is parked: no next attempt time).
  const waiting = d.status === 'pending' && m.hook !== null && !m.hook.deleted && !m.hook.enabled;
  return html`<div class="summary card">
      <dl class="summary__grid">
        <div>
          <dt>Status</dt>
          <dd>${statusBadge(d.status, d.attempt_count, !waiting)}</dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>${d.attempt_count}</dd>
        </div>
        <div>
          <dt>Last attempt</dt>
          <dd>${time(d.last_attempt_at)}</dd>
        </div>
        <div>
          <dt>Next attempt</dt>
          <dd>
            ${waiting ? html`When the webhook is enabled` : d.status === 'pending' && d.next_attempt_at ? time(d.next_attempt_at) : html`<span class="muted">—</span>`}
          </dd>
        </div>
      </dl>
      <form method="post" action="${BASE}/deliveries/${d.id}/retry" class="summary__action">
        ${csrfField(m.csrf)}
        <button type="submit" class="button button--primary" ${retryable ? '' : ' disabled'}>Retry</button>
      </form>
    </div>
    <h2 class="section-title">Attempts <span class="muted">(${plural(d.attempts.length, 'attempt')}, newest first)</span></h2>
    ${attempts.length ? attempts.map((a, i) => attemptCard(a, m.hook?.url ?? null, m.requestBody, i === 0)) : html`<p class="card muted">No attempt yet: the first one starts within a second.</p>`}`;
}

export function deliveryPage(m: DeliveryPageModel): Html {
  const d = m.delivery;
  return html`<div class="page-head">
      <div class="page-head__main">
        <p class="eyebrow">Delivery</p>
        <h1><code>${d.event_type}</code></h1>
        <p class="muted small mono">${d.id}</p>
      </div>
    </div>
    <dl class="details details--row card">
      <dt>Webhook</dt>
      <dd>
        ${m.hook ? (m.hook.deleted ? html`<span class="url">${m.hook.url}</span> <span class="badge badge--canceled">Deleted</span>` : html`<a class="url" href="${BASE}/webhooks/${d.webhook_id}">${m.hook.url}</a>`) : html`<span class="mono">${d.webhook_id}</span>`}
      </dd>
      <dt>Event</dt>
      <dd class="mono">${d.event_id}</dd>
      <dt>Created</dt>
      <dd>${time(d.created_at)}</dd>
    </dl>
    <div data-live="${BASE}/deliveries/${d.id}/live.json">${deliveryLive(m)}</div>`;
}
