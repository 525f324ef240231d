// Background tasks (recover, replay) as the API shows them (SPEC §11).
import { Type } from '@sinclair/typebox';
import { TASK_KINDS, TASK_STATUSES } from '../model.ts';
import { Id, NullableTimestamp, StringEnum, Timestamp } from './common.ts';

export const BackgroundTask = Type.Object(
  {
    object: Type.Literal('background_task', { description: 'Tells it from a CRM task (`object: "task"`), which GET /v1/tasks/{id} also answers' }),
    id: Id('task'),
    kind: StringEnum(TASK_KINDS, {
      description: '`recover`: failed deliveries of the window re-queued; `replay`: events of the window sent again as new deliveries',
    }),
    status: StringEnum(TASK_STATUSES),
    webhook_id: Id('wh'),
    since: Timestamp,
    until: Timestamp,
    only_missing: Type.Boolean({ description: 'Replay: only events with no succeeded delivery to the webhook' }),
    done: Type.Integer({ minimum: 0, description: 'Events (replay) or failed deliveries (recover) of the window handled so far' }),
    total: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'What the window holds, counted when the task starts (null while queued); equal to done once it succeeded',
    }),
    queued: Type.Integer({ minimum: 0, description: 'Deliveries created (replay) or re-queued (recover)' }),
    error_message: Type.Union([Type.String(), Type.Null()], { description: 'Why it failed; null unless status is failed' }),
    created_at: Timestamp,
    started_at: NullableTimestamp,
    finished_at: NullableTimestamp,
  },
  { $id: 'BackgroundTask', additionalProperties: false, description: "A recover or replay of a webhook's time window, run in the background" },
);

const since = Type.String({
  format: 'date-time',
  description: 'Start of the window (inclusive), ISO-8601; not in the future, not before the retention period',
});
const until = Type.String({ format: 'date-time', description: 'End of the window (exclusive), after since; default: now' });

export const RecoverRequest = Type.Object({ since, until: Type.Optional(until) }, { title: 'RecoverRequest', additionalProperties: false });
export const ReplayRequest = Type.Object(
  {
    since,
    until: Type.Optional(until),
    only_missing: Type.Optional(Type.Boolean({ default: false, description: 'Only events with no succeeded delivery to this webhook' })),
  },
  { title: 'ReplayRequest', additionalProperties: false },
);
