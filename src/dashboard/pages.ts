// The dashboard's pages and actions: Settings > Webhooks, a webhook's page and delivery log,
// deliveries, events. Every read and write goes through the services the API uses
// (app.webhooks, app.events, app.deliveries); the *.json routes answer the live regions.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { EVENT_CATALOG, isEventType, OPERATIONAL_TYPES } from '../catalog.ts';
import type { Api } from '../http/context.ts';
import type { Auth } from '../model.ts';
import { idPattern } from '../ids.ts';
import { humanDuration } from '../duration.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
import { checkWebhookForm, EMPTY_SETTINGS, errorsByField, field, readWebhookForm, settingsForm, type WebhookForm } from './forms.ts';
import { BASE } from './layout.ts';
import type { DashboardContext } from './context.ts';
import type { Session } from './session.ts';
import { deliveryLive, deliveryPage, type DeliveryPageModel } from './views/delivery.ts';
import { eventPage, eventRows, eventsPage } from './views/events.ts';
import { EMPTY_TASK_FORM, formTime, taskRows, tasksCard, type TaskFormState } from './views/tasks.ts';
import { deliveryRows, LOG_RANGES, STATUSES, webhookPage, type LogFilter } from './views/webhook.ts';
import { webhookForm, webhookList, webhookRows, type FormState } from './views/webhooks.ts';
import { healthCard, type WebhookListStats } from './views/stats.ts';
import { operationalBanner, webhookNotice } from './views/notices.ts';
import { html } from './html.ts';

const hide = { schema: { hide: true } };
type IdReq = FastifyRequest<{ Params: { id: string } }>;

function query(req: FastifyRequest): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.query as Record<string, unknown>)) if (typeof v === 'string' && v !== '') out[k] = v.slice(0, 300);
  return out;
}

/** Filters come from an allowlist; anything else is ignored rather than an error page. */
function logFilter(req: FastifyRequest): LogFilter {
  const q = query(req);
  const search = q.q?.trim();
  return {
    status: STATUSES.find((s) => s === q.status),
    event_type: q.event_type && isEventType(q.event_type) ? q.event_type : undefined,
    range: LOG_RANGES.find(([r]) => r === q.range)?.[0],
    event_id: search && EVENT_ID.test(search) ? search : undefined,
    delivery_id: search && DELIVERY_ID.test(search) ? search : undefined,
    badSearch: search && !EVENT_ID.test(search) && !DELIVERY_ID.test(search) ? search : undefined,
    cursor: q.cursor,
  };
}

const EVENT_ID = new RegExp(idPattern('evt'));
const DELIVERY_ID = new RegExp(idPattern('dlv'));

/** A webhook's log as the dashboard filters it. */
function searchLog(app: DashboardContext['app'], auth: Auth, webhookId: string, f: LogFilter) {
  const range = LOG_RANGES.find(([r]) => r === f.range);
  return app.deliveries.search(auth, {
    webhook_id: webhookId,
    status: f.status ? [f.status] : undefined,
    event_type: f.event_type ? [f.event_type] : undefined,
    event_id: f.event_id,
    since: range ? new Date(Date.now() - range[2]).toISOString() : undefined,
    cursor: f.cursor,
    limit: 20,
  });
}

/** The list's figures: each webhook's success rate over 24 h (one read of the rollups) and its newest delivery. */
async function listStats(app: DashboardContext['app'], auth: Auth, ids: string[]): Promise<Map<string, WebhookListStats>> {
  const [rates, last] = await Promise.all([app.stats.rates(auth, ids, DAY_MS), app.deliveries.lastDeliveries(auth, ids)]);
  return new Map(
    ids.map((id) => [id, { attempts: rates.get(id)?.attempts ?? 0, success_rate: rates.get(id)?.success_rate ?? null, last: last.get(id) ?? null }]),
  );
}

const isClientError = (e: unknown): e is ApiError => e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 404;

export async function pageRoutes(d: Api, ctx: DashboardContext): Promise<void> {
  const { app } = ctx;
  const flash = (s: Session, kind: 'success' | 'error', message: string) => void (s.flash = { kind, message });

  async function listModel(auth: Auth, cursor: string | undefined) {
    const list = await app.webhooks.list(auth, { cursor, limit: 20 });
    return {
      list,
      stats: await listStats(
        app,
        auth,
        list.data.map((w) => w.id),
      ),
    };
  }

  /** The organization's operational events (about its webhooks), newest first, since `sinceMs` ago. */
  const operationalEvents = (auth: Auth, sinceMs: number) =>
    app.events.list(auth, { type: [...OPERATIONAL_TYPES], since: new Date(Date.now() - sinceMs).toISOString(), limit: 100 }).then((p) => p.data);

  d.get('/webhooks', hide, async (req, reply) => {
    const s = ctx.session(req);
    const { cursor } = query(req);
    const { list, stats } = await listModel(s.auth, cursor);
    const recent = await operationalEvents(s.auth, DAY_MS);
    const ids = recent.map((e) => String(e.type === 'delivery.exhausted' ? e.data.object.webhook_id : e.data.object.id));
    const urls = new Map([...(await app.webhooks.urls(s.auth, ids))].map(([id, u]) => [id, u.url]));
    const body = html`${operationalBanner(recent, urls)}${webhookList(list, stats, cursor)}`;
    return ctx.sendPage(reply, 200, 'Webhooks', s, body, { section: 'webhooks', crumbs: [['Webhooks']] });
  });

  d.get('/webhooks/live.json', hide, async (req) => {
    const { list, stats } = await listModel(ctx.session(req).auth, query(req).cursor);
    return { html: webhookRows(list, stats).value };
  });

  function sendForm(reply: FastifyReply, s: Session, status: number, o: { state: FormState; id?: string }) {
    const editing = o.id !== undefined;
    const body = webhookForm({
      state: o.state,
      csrf: s.csrf,
      action: editing ? `${BASE}/webhooks/${o.id}` : `${BASE}/webhooks`,
      submit: editing ? 'Save changes' : 'Add Webhook',
      cancel: editing ? `${BASE}/webhooks/${o.id}` : `${BASE}/webhooks`,
      title: editing ? 'Edit webhook' : 'Add Webhook',
      intro: editing ? 'Change where this webhook sends events and which ones.' : 'SalesOS sends a signed POST to this URL for every event you choose.',
    });
    const crumbs: Array<[string, string?]> = editing
      ? [['Webhooks', `${BASE}/webhooks`], [o.id!, `${BASE}/webhooks/${o.id}`], ['Edit']]
      : [['Webhooks', `${BASE}/webhooks`], ['Add Webhook']];
    return ctx.sendPage(reply, status, editing ? 'Edit webhook' : 'Add Webhook', s, body, { section: 'webhooks', crumbs });
  }

  /** The form as the API takes it, or a 400 naming every problem of it at once. */
  async function checkedForm(form: WebhookForm) {
    const { input, problems } = checkWebhookForm(form);
    if (problems.length) await app.webhooks.check(input, problems);
    return input;
  }

  const failedForm = (form: WebhookForm, e: ApiError): FormState => ({
    ...form,
    ...(({ fields, general }) => ({ errors: fields, general }))(errorsByField(e)),
  });

  d.get('/webhooks/new', hide, async (req, reply) =>
    sendForm(reply, ctx.session(req), 200, { state: { url: '', description: '', events: [], ...EMPTY_SETTINGS, errors: {}, general: null } }),
  );

  d.post('/webhooks', hide, async (req, reply) => {
    const s = ctx.session(req);
    const form = readWebhookForm(req.body);
    try {
      const hook = await app.webhooks.create(s.auth, await checkedForm(form));
      flash(s, 'success', 'Webhook added. Reveal its signing secret below to verify requests.');
      return ctx.seeOther(reply, `${BASE}/webhooks/${hook.id}`);
    } catch (e) {
      if (!isClientError(e)) throw e;
      return sendForm(reply, s, e.status, { state: failedForm(form, e) });
    }
  });

  async function sendWebhookPage(req: IdReq, reply: FastifyReply, status = 200, testError: string | null = null, taskForm: TaskFormState = EMPTY_TASK_FORM) {
    const s = ctx.session(req);
    const hook = await app.webhooks.get(s.auth, req.params.id);
    const filter = logFilter(req);
    // A delivery id in the search box opens that delivery.
    if (filter.delivery_id) return ctx.seeOther(reply, `${BASE}/deliveries/${filter.delivery_id}`);
    const [log, health] = await Promise.all([searchLog(app, s.auth, hook.id, filter), app.stats.forWebhook(s.auth, hook.id, { bucket: '1h' })]);
    const revealed = query(req).reveal === '1' ? (await app.webhooks.secret(s.auth, hook.id)).secret : null;
    const signing = await app.webhooks.signingSecrets(s.auth, hook.id);
    const grace = humanDuration(app.webhooks.secretGraceMs);
    // Failing or disabled: when and why, from the operational events about it (of the last 30 days).
    const notice = webhookNotice(hook, await operationalEvents(s.auth, 30 * DAY_MS));
    const tasks = tasksCard(hook.id, await app.tasks.listForWebhook(s.auth, hook.id, { limit: 5 }), s.csrf, taskForm);
    const body = html`${notice}${webhookPage({ hook, log, filter, csrf: s.csrf, revealed, testError, signing, grace, health: healthCard(health), tasks })}`;
    return ctx.sendPage(reply, status, hook.url, s, body, { section: 'webhooks', crumbs: [['Webhooks', `${BASE}/webhooks`], [hook.id]] });
  }

  d.get('/webhooks/:id', hide, async (req: IdReq, reply) => sendWebhookPage(req, reply));

  d.get('/webhooks/:id/deliveries.json', hide, async (req: IdReq) => {
    const { auth } = ctx.session(req);
    const hook = await app.webhooks.get(auth, req.params.id);
    const filter = logFilter(req);
    return { html: deliveryRows(await searchLog(app, auth, req.params.id, filter), filter, hook.enabled).value };
  });

  d.get('/webhooks/:id/tasks.json', hide, async (req: IdReq) => ({
    html: taskRows(await app.tasks.listForWebhook(ctx.session(req).auth, req.params.id, { limit: 5 })).value,
  }));

  // Recover / replay: starts a background task; a refused window shows its errors on the form.
  d.post('/webhooks/:id/tasks', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const form: TaskFormState = {
      kind: field(req.body, 'kind') === 'recover' ? 'recover' : 'replay',
      since: field(req.body, 'since').slice(0, 40),
      until: field(req.body, 'until').slice(0, 40),
      only_missing: field(req.body, 'only_missing') === '1',
      errors: {},
    };
    const since = formTime(form.since);
    const until = formTime(form.until);
    if (!since) form.errors.since = since === null ? 'Enter the start of the window' : 'Enter a date and time';
    if (until === undefined) form.errors.until = 'Enter a date and time, or leave it empty for now';
    if (form.errors.since || form.errors.until) return sendWebhookPage(req, reply, 400, null, form);
    try {
      const t = await app.tasks.start(s.auth, req.params.id, form.kind, { since: since!, until: until ?? undefined, only_missing: form.only_missing });
      flash(s, 'success', `${form.kind === 'recover' ? 'Recover' : 'Replay'} started (${t.id}). Its progress shows under Recover / replay.`);
    } catch (e) {
      if (!isClientError(e)) throw e;
      for (const x of e.details) {
        if (x.field === 'body.since') form.errors.since = x.message;
        else if (x.field === 'body.until') form.errors.until = x.message;
      }
      if (!form.errors.since && !form.errors.until) form.errors.general = e.message;
      return sendWebhookPage(req, reply, e.status, null, form);
    }
    return ctx.seeOther(reply, `${BASE}/webhooks/${req.params.id}`);
  });

  d.get('/webhooks/:id/secret.json', hide, async (req: IdReq) => app.webhooks.secret(ctx.session(req).auth, req.params.id));

  d.get('/webhooks/:id/edit', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const hook = await app.webhooks.get(s.auth, req.params.id);
    return sendForm(reply, s, 200, {
      id: hook.id,
      state: { url: hook.url, description: hook.description, events: hook.events, ...settingsForm(hook), errors: {}, general: null },
    });
  });

  d.post('/webhooks/:id', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const form = readWebhookForm(req.body);
    try {
      await app.webhooks.update(s.auth, req.params.id, await checkedForm(form));
      flash(s, 'success', 'Webhook saved.');
      return ctx.seeOther(reply, `${BASE}/webhooks/${req.params.id}`);
    } catch (e) {
      if (!isClientError(e)) throw e;
      return sendForm(reply, s, e.status, { id: req.params.id, state: failedForm(form, e) });
    }
  });

  for (const [action, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    d.post(`/webhooks/:id/${action}`, hide, async (req: IdReq, reply) => {
      const s = ctx.session(req);
      await app.webhooks.update(s.auth, req.params.id, { enabled });
      flash(
        s,
        'success',
        enabled ? 'Webhook enabled. Deliveries that waited go out now.' : 'Webhook disabled. New events are not queued for it until you enable it again.',
      );
      return ctx.seeOther(reply, `${BASE}/webhooks/${req.params.id}`);
    });
  }

  d.post('/webhooks/:id/delete', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const hook = await app.webhooks.get(s.auth, req.params.id);
    await app.webhooks.delete(s.auth, hook.id);
    flash(s, 'success', `Webhook ${hook.url} deleted.`);
    return ctx.seeOther(reply, `${BASE}/webhooks`);
  });

  d.post('/webhooks/:id/rotate-secret', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const now = field(req.body, 'previous') === 'now';
    const r = await app.webhooks.rotateSecret(s.auth, req.params.id, { expire_previous_now: now });
    const until = r.previous_secret_expires_at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    flash(
      s,
      'success',
      now
        ? 'Secret rotated. The previous secret stopped signing now: only the new one signs.'
        : `Secret rotated. The previous secret keeps signing beside the new one for ${humanDuration(app.webhooks.secretGraceMs)}, until ${until}.`,
    );
    return ctx.seeOther(reply, `${BASE}/webhooks/${req.params.id}?reveal=1`);
  });

  d.post('/webhooks/:id/test', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const type = field(req.body, 'event_type');
    if (!isEventType(type)) return sendWebhookPage(req, reply, 400, 'Choose an event type');
    try {
      await app.events.sendTest(s.auth, req.params.id, type);
    } catch (e) {
      if (!isClientError(e)) throw e;
      if (e.details.some((x) => x.field === 'event_type')) return sendWebhookPage(req, reply, e.status, e.message);
      flash(s, 'error', e.message);
      return ctx.seeOther(reply, `${BASE}/webhooks/${req.params.id}`);
    }
    flash(s, 'success', `Test ${type} event sent. It appears in the delivery log below.`);
    return ctx.seeOther(reply, `${BASE}/webhooks/${req.params.id}`);
  });

  async function deliveryModel(s: Session, id: string): Promise<DeliveryPageModel> {
    const delivery = await app.deliveries.get(s.auth, id);
    // The body exactly as every attempt sent it (what the signatures cover).
    const requestBody = await app.events.body(s.auth, delivery.event_id);
    const hook = (await app.webhooks.urls(s.auth, [delivery.webhook_id])).get(delivery.webhook_id) ?? null;
    return { delivery, hook, requestBody, csrf: s.csrf };
  }

  d.get('/deliveries/:id', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const m = await deliveryModel(s, req.params.id);
    const crumbs: Array<[string, string?]> = [
      ['Webhooks', `${BASE}/webhooks`],
      [m.delivery.webhook_id, `${BASE}/webhooks/${m.delivery.webhook_id}`],
      [m.delivery.id],
    ];
    return ctx.sendPage(reply, 200, `Delivery ${m.delivery.id}`, s, deliveryPage(m), { section: 'webhooks', crumbs });
  });

  d.get('/deliveries/:id/live.json', hide, async (req: IdReq) => ({ html: deliveryLive(await deliveryModel(ctx.session(req), req.params.id)).value }));

  d.post('/deliveries/:id/retry', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    try {
      await app.deliveries.retry(s.auth, req.params.id);
      flash(s, 'success', 'Retry queued: the attempt starts within a second and appears below.');
    } catch (e) {
      if (!isClientError(e)) throw e;
      flash(s, 'error', e.message);
    }
    return ctx.seeOther(reply, `${BASE}/deliveries/${req.params.id}`);
  });

  /** `group`: only the types of that catalog group (the webhook list's banner links to `operational`). */
  async function eventsModel(auth: Auth, cursor: string | undefined, group?: string) {
    const types = group ? EVENT_CATALOG.filter((e) => e.group === group).map((e) => e.type) : [];
    const events = await app.events.list(auth, { cursor, limit: 20, ...(types.length ? { type: types } : {}) });
    const rows = await Promise.all(events.data.map(async (event) => ({ event, deliveries: await app.deliveries.listForEvent(auth, event.id) })));
    const urls = await app.webhooks.urls(
      auth,
      rows.flatMap((r) => r.deliveries.map((x) => x.webhook_id)),
    );
    return { page: { data: rows, next_cursor: events.next_cursor }, urls };
  }

  d.get('/events', hide, async (req, reply) => {
    const s = ctx.session(req);
    const { cursor, group } = query(req);
    const known = EVENT_CATALOG.some((e) => e.group === group) ? group : undefined;
    const { page, urls } = await eventsModel(s.auth, cursor, known);
    return ctx.sendPage(reply, 200, 'Events', s, eventsPage(page, urls, cursor, known), { section: 'events', crumbs: [['Events']] });
  });

  d.get('/events/:id', hide, async (req: IdReq, reply) => {
    const s = ctx.session(req);
    const event = await app.events.get(s.auth, req.params.id);
    const deliveries = await app.deliveries.listForEvent(s.auth, event.id);
    const urls = await app.webhooks.urls(
      s.auth,
      deliveries.map((x) => x.webhook_id),
    );
    return ctx.sendPage(reply, 200, `Event ${event.id}`, s, eventPage({ event, deliveries }, urls), {
      section: 'events',
      crumbs: [['Events', `${BASE}/events`], [event.id]],
    });
  });

  d.get('/events/live.json', hide, async (req) => {
    const { cursor, group } = query(req);
    const { page, urls } = await eventsModel(ctx.session(req).auth, cursor, EVENT_CATALOG.some((e) => e.group === group) ? group : undefined);
    return { html: eventRows(page.data, urls).value };
  });
}
