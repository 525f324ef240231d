// Background tasks (SPEC §11): recover and replay of a webhook's time window answer 202 with a
// task, which GET /v1/tasks/{id} reports until it ends. That path is the CRM's too (CRM tasks
// have `task_` ids as well): it answers the organization's background task of that id, else its
// CRM task, each under its own scope.
import { Type } from '@sinclair/typebox';
import { IdempotencyHeaders, ListQuery, PageOf, errorResponses, idParams } from '../../contract/common.ts';
import { BackgroundTask, RecoverRequest, ReplayRequest } from '../../contract/tasks.ts';
import { TASKS, find } from '../../crm/store.ts';
import type { Api, ApiContext } from '../context.ts';
import { requireScope } from '../scopes.ts';

const tags = ['background-tasks'];
const WINDOW = 'A `since` in the future, an `until` not after `since`, or a `since` older than the retention period (SALESOS_RETENTION) is a 400.';

export async function taskRoutes(api: Api, app: ApiContext): Promise<void> {
  api.addSchema(BackgroundTask);
  const TaskRef = Type.Ref('BackgroundTask');

  // Recover and replay differ only in what they document and the body they take.
  const starts = [
    {
      kind: 'recover',
      operationId: 'recoverWebhookDeliveries',
      summary: "Re-queue the webhook's failed deliveries created in a time window, in the background",
      description: `Answers a task at once; a worker re-queues the failed deliveries created in [since, until) for one more attempt each (trigger \`manual\`), in chunks. ${WINDOW}`,
      body: RecoverRequest,
    },
    {
      kind: 'replay',
      operationId: 'replayWebhookEvents',
      summary: "Send the organization's events of a time window to this webhook again, as new deliveries, in the background",
      description: `Every event created in [since, until) of a type the webhook subscribes to and that passes its filter, including events from before the webhook existed (a backfill), becomes a new delivery (trigger \`replay\`), signed as usual. With \`only_missing\`, only events with no succeeded delivery to this webhook. Test events are not replayed. Answers a task at once. ${WINDOW}`,
      body: ReplayRequest,
    },
  ] as const;
  for (const { kind, body, ...doc } of starts)
    api.post(
      `/webhooks/:id/${kind}`,
      { schema: { ...doc, tags, params: idParams('wh'), headers: IdempotencyHeaders, body, response: { 202: TaskRef, ...errorResponses(404) } } },
      async (req, reply) => {
        reply.code(202);
        return app.tasks.start(req.auth, req.params.id, kind, req.body);
      },
    );

  api.get(
    '/webhooks/:id/tasks',
    {
      schema: {
        operationId: 'listWebhookTasks',
        tags,
        summary: "A webhook's background tasks (recover, replay), newest first",
        params: idParams('wh'),
        querystring: Type.Object({ ...ListQuery }, { additionalProperties: false }),
        response: { 200: PageOf('BackgroundTaskPage', TaskRef), ...errorResponses(404) },
      },
    },
    async (req) => app.tasks.listForWebhook(req.auth, req.params.id, req.query),
  );

  api.get(
    '/tasks/:id',
    {
      schema: {
        operationId: 'getTask',
        tags: [...tags, 'tasks'],
        summary: 'A background task (recover, replay) or a CRM task',
        description:
          'Answers the background task with this id (`object: "background_task"`, scope `webhooks:read`) if the organization has one, otherwise its CRM task (`object: "task"`, scope `crm:read`).',
        params: idParams('task'),
        response: { 200: Type.Union([TaskRef, Type.Ref('Task')]), ...errorResponses(404) },
      },
    },
    async (req) => {
      const background = await app.tasks.find(req.auth, req.params.id);
      if (background) {
        requireScope(req.auth, 'webhooks:read');
        return background;
      }
      requireScope(req.auth, 'crm:read');
      return find(app.crm.reads, TASKS, req.auth.organizationId, req.params.id);
    },
  );
}
