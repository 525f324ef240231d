// Operational notices (issue 21 item 2): a webhook's page says when and why it is failing or was
// disabled, and the webhook list has a banner with the organization's recent operational events
// (webhook.failing, webhook.recovered, webhook.disabled, delivery.exhausted), linking to the
// Events page filtered to them. Both read the operational events themselves: they carry the
// webhook, the time and the failed attempt that brought them.
import type { Webhook } from '../../contract/webhooks.ts';
import type { EventView } from '../../events/service.ts';
import { html, time, type Html } from '../html.ts';
import { BASE } from '../layout.ts';

/** The Events page, filtered to the operational group. */
export const OPERATIONAL_EVENTS_URL = `${BASE}/events?group=operational`;

interface LastFailure {
  error_class?: string;
  response_status?: number | null;
  at?: string;
  delivery_id?: string;
}

const objectOf = (e: EventView) => e.data.object;
/** Which webhook an operational event is about. */
const webhookOf = (e: EventView) => String(e.type === 'delivery.exhausted' ? objectOf(e).webhook_id : objectOf(e).id);

function why(f: LastFailure | null | undefined): Html {
  if (!f) return html``;
  const answer = f.response_status ? `answered ${f.response_status}` : `failed (${f.error_class ?? 'no answer'})`;
  return html` The last attempt
  ${answer}${f.at ? html` at ${time(f.at)}` : ''}${f.delivery_id ? html` (<a href="${BASE}/deliveries/${f.delivery_id}">delivery</a>)` : ''}.`;
}

/**
 * The notice of a webhook's page: disabled (automatically: when and why; by hand), or failing
 * since an announced webhook.failing that no webhook.recovered followed. `recent`: the
 * organization's operational events, newest first.
 */
export function webhookNotice(hook: Webhook, recent: EventView[]): Html {
  const mine = recent.filter((e) => e.type !== 'delivery.exhausted' && webhookOf(e) === hook.id);
  const last = mine[0];
  if (!hook.enabled && hook.disabled_reason === 'failing') {
    const disabled = mine.find((e) => e.type === 'webhook.disabled');
    const o = disabled ? objectOf(disabled) : null;
    return html`<div class="flash flash--error notice" role="alert" data-notice="disabled">
      <strong>Disabled automatically</strong>${disabled ? html` on ${time(disabled.created_at)}` : ''}: its deliveries failed for too
      long${o?.failing_since ? html`, since ${time(String(o.failing_since))}` : ''}.${why(o?.last_failure as LastFailure | undefined)} Its waiting deliveries
      are kept: enable it once the endpoint works, then recover what failed.
    </div>`;
  }
  if (!hook.enabled) return html`<div class="flash notice" role="status" data-notice="manual">Disabled by hand: its deliveries wait until it is enabled.</div>`;
  if (last?.type === 'webhook.failing') {
    const o = objectOf(last);
    return html`<div class="flash flash--error notice" role="alert" data-notice="failing">
      <strong>Failing</strong> since ${time(String(o.failing_since ?? last.created_at))}.${why(o.last_failure as LastFailure | undefined)}
      <a href="${OPERATIONAL_EVENTS_URL}">Operational events</a>
    </div>`;
  }
  return html``;
}

const LABELS: Record<string, string> = {
  'webhook.failing': 'started failing',
  'webhook.recovered': 'recovered',
  'webhook.disabled': 'was disabled automatically',
  'delivery.exhausted': 'gave up a delivery',
};

/** The webhook list's banner: the latest operational events (at most 3), and a link to all of them. */
export function operationalBanner(recent: EventView[], urls: Map<string, string>): Html {
  const troubles = recent.filter((e) => e.type !== 'webhook.recovered');
  if (!troubles.length) return html``;
  return html`<div class="flash flash--error notice" role="status" data-notice="operational">
    <strong>${troubles.length === 1 ? '1 webhook problem' : `${troubles.length} webhook problems`} in the last 24 hours.</strong>
    <ul class="notice__list">
      ${recent.slice(0, 3).map((e) => {
        const id = webhookOf(e);
        return html`<li>
          <a href="${BASE}/webhooks/${id}" class="url">${urls.get(id) ?? id}</a> ${LABELS[e.type] ?? e.type} ${time(e.created_at, 'relative')}
        </li>`;
      })}
    </ul>
    <a href="${OPERATIONAL_EVENTS_URL}">See every operational event</a>
  </div>`;
}
