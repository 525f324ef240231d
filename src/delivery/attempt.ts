// One attempt: sign the event's body for this attempt and POST it (the Sender bounds it by the
// timeout, never follows a redirect and classifies every failure).
import type { ClaimedWork } from '../store/ports.ts';
import type { Sender, SendResult } from './sender.ts';
import { deliveryHeaders } from './signer.ts';

export interface AttemptRun {
  attemptNumber: number;
  startedAt: number;
  requestHeaders: Record<string, string>;
  result: SendResult;
}

export async function runAttempt(sender: Sender, work: ClaimedWork): Promise<AttemptRun> {
  const attemptNumber = work.attempt_count + 1;
  const startedAt = Date.now();
  const requestHeaders = deliveryHeaders({
    secrets: work.secrets,
    eventId: work.event_id,
    eventType: work.event_type,
    body: work.body,
    attempt: attemptNumber,
    now: startedAt,
  });
  const result = await sender.send(work.url, requestHeaders, work.body);
  return { attemptNumber, startedAt, requestHeaders, result };
}
