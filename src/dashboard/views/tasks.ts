// A webhook's "Recover / replay" card: a form that starts a background task over a time window,
// and the webhook's recent tasks with their status and progress (a live region while one runs),
// folded to one line (the latest task) unless a task is under way or the form holds errors.
import type { Page } from '../../model.ts';
import type { TaskView } from '../../tasks/service.ts';
import { html, time, type Html } from '../html.ts';
import { BASE, csrfField } from '../layout.ts';

/** What the form holds: the window as typed (datetime-local, UTC) and the errors of a refused start. */
export interface TaskFormState {
  kind: 'recover' | 'replay';
  since: string;
  until: string;
  only_missing: boolean;
  errors: { since?: string; until?: string; general?: string };
}

export const EMPTY_TASK_FORM: TaskFormState = { kind: 'replay', since: '', until: '', only_missing: false, errors: {} };

const STATUS_BADGE: Record<TaskView['status'], string> = { queued: 'pending', running: 'retrying', succeeded: 'succeeded', failed: 'failed' };
const LABEL: Record<TaskView['status'], string> = { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };

/** Rows of the task list; the live endpoint answers the same markup. */
export function taskRows(tasks: Page<TaskView>): Html {
  if (!tasks.data.length)
    return html`<tr class="table__empty">
      <td colspan="5">No recover or replay yet.</td>
    </tr>`;
  return html`${tasks.data.map(
    (t) =>
      html`<tr data-task="${t.id}">
        <td data-label="Status"><span class="badge badge--${STATUS_BADGE[t.status]}" data-task-status="${t.status}">${LABEL[t.status]}</span></td>
        <td data-label="Task">
          ${t.kind === 'recover' ? 'Recover failed' : t.only_missing ? 'Replay missing' : 'Replay'}
          <div class="muted mono id">${t.id}</div>
          ${t.error_message ? html`<div class="field-error">${t.error_message}</div>` : ''}
        </td>
        <td data-label="Window" class="nowrap">${time(t.since, 'short')} – ${time(t.until, 'short')}</td>
        <td data-label="Progress" data-task-progress>${t.done} / ${t.total ?? '…'}</td>
        <td data-label="Deliveries">${t.queued} ${t.kind === 'recover' ? 're-queued' : 'sent'}</td>
      </tr>`,
  )}`;
}

const fieldError = (id: string, message: string | undefined) => (message ? html`<p class="field-error" id="${id}-error" role="alert">${message}</p>` : '');
const invalid = (id: string, message: string | undefined) => (message ? html` aria-invalid="true" aria-describedby="${id}-error"` : '');

export function tasksCard(hookId: string, tasks: Page<TaskView>, csrf: string, form: TaskFormState): Html {
  const e = form.errors;
  const latest = tasks.data[0];
  // Folded (the phone layout stays short) unless the form holds errors or a task is under way.
  const open = Boolean(e.since || e.until || e.general || tasks.data.some((t) => t.status === 'queued' || t.status === 'running'));
  return html`<section class="card card--tasks" aria-labelledby="tasks-title">
    <details class="task-form" ${open ? ' open' : ''}>
      <summary>
        <h2 id="tasks-title" class="task-form__title">Recover / replay</h2>
        ${latest ? html` <span class="muted small" data-latest-task>latest: ${LABEL[latest.status]}, ${latest.done} / ${latest.total ?? '…'}</span>` : ''}
      </summary>
      <p class="muted small">
        Recover re-queues a time window's failed deliveries; replay sends its events again as new deliveries, events from before the webhook existed too.
      </p>
      <form method="post" action="${BASE}/webhooks/${hookId}/tasks" class="stack" data-task-form>
        ${csrfField(csrf)} ${e.general ? html`<p class="field-error" role="alert">${e.general}</p>` : ''}
        <fieldset class="field">
          <legend>What to do</legend>
          <label><input type="radio" name="kind" value="replay" ${form.kind === 'replay' ? ' checked' : ''} /> Replay events</label>
          <label><input type="radio" name="kind" value="recover" ${form.kind === 'recover' ? ' checked' : ''} /> Recover failed deliveries</label>
        </fieldset>
        <div class="field${e.since ? ' has-error' : ''}">
          <label for="task-since">From (UTC)</label>
          <input id="task-since" name="since" type="datetime-local" step="1" required value="${form.since}" ${invalid('task-since', e.since)} />
          ${fieldError('task-since', e.since)}
        </div>
        <div class="field${e.until ? ' has-error' : ''}">
          <label for="task-until">To (UTC, empty: now)</label>
          <input id="task-until" name="until" type="datetime-local" step="1" value="${form.until}" ${invalid('task-until', e.until)} />
          ${fieldError('task-until', e.until)}
        </div>
        <label class="field"
          ><input type="checkbox" name="only_missing" value="1" ${form.only_missing ? ' checked' : ''} /> Only missing (replay: events never delivered to this
          webhook)</label
        >
        <button type="submit" class="button">Start</button>
      </form>
      <div class="table-wrap">
        <table class="table table--stack">
          <caption class="visually-hidden">
            Recent tasks, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Task</th>
              <th scope="col">Window</th>
              <th scope="col">Progress</th>
              <th scope="col">Deliveries</th>
            </tr>
          </thead>
          <tbody data-live="${BASE}/webhooks/${hookId}/tasks.json">
            ${taskRows(tasks)}
          </tbody>
        </table>
      </div>
    </details>
  </section>`;
}

/** A datetime-local value (no zone: read as UTC) or an ISO time, as ISO-8601; null when empty, undefined when unreadable. */
export function formTime(value: string): string | null | undefined {
  const v = value.trim();
  if (!v) return null;
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v) ? `${v}Z` : v;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
