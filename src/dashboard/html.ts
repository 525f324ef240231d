// HTML templating for the dashboard: a tagged template that escapes every interpolated value
// unless it is already-built HTML, so text from users (URLs, descriptions, response bodies) can
// never become markup by forgetting a call to escape().
import type { DeliveryStatus } from '../model.ts';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = Html | string | number | boolean | null | undefined | readonly Renderable[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escape(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

function render(v: Renderable): string {
  if (v instanceof Html) return v.value;
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  return escape(String(v));
}

/** html`<p>${text}</p>`: values are escaped, Html values and arrays of them are kept. */
export function html(strings: TemplateStringsArray, ...values: Renderable[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Markup that is trusted as is (only for strings this code built). */
export const raw = (s: string) => new Html(s);

/** A <time> the browser shows in the viewer's time zone (app.js formats it with Intl). */
export function time(iso: string | null | undefined, style: 'datetime' | 'short' | 'relative' = 'datetime'): Html {
  if (!iso) return html`<span class="muted">—</span>`;
  const fallback = iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  return html`<time datetime="${iso}" data-format="${style}" title="${fallback}">${fallback}</time>`;
}

/**
 * What a badge says: a delivery status, `retrying` (pending after a failed attempt), or
 * `waiting` (pending while its webhook is disabled: nothing is tried until it is enabled).
 */
type Shown = DeliveryStatus | 'retrying' | 'waiting';
const STATUS_LABELS: Record<Shown, string> = {
  pending: 'Pending',
  succeeded: 'Succeeded',
  failed: 'Failed',
  canceled: 'Canceled',
  retrying: 'Retrying',
  waiting: 'Waiting: webhook disabled',
};

/** A status badge: the word says it, the colour only repeats it. `hookEnabled`: whether its webhook is enabled. */
export function statusBadge(status: DeliveryStatus, attemptCount = 0, hookEnabled = true): Html {
  const shown: Shown = status !== 'pending' ? status : !hookEnabled ? 'waiting' : attemptCount > 0 ? 'retrying' : 'pending';
  return html`<span
    class="badge badge--${shown}"
    data-status="${status}"
    ${shown === 'waiting' ? html` title="Nothing is sent while the webhook is disabled; enable it to send this delivery"` : ''}
    >${STATUS_LABELS[shown]}</span
  >`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
