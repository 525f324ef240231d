// One attempt: sign the event's body for this attempt, add the webhook's own headers, and POST it
// (the Sender bounds it by the webhook's timeout or the service's, never follows a redirect and
// classifies every failure).
import type { ClaimedWork } from '../store/ports.ts';
import { MASK } from '../webhooks/policy.ts';
import type { Sender, SendResult } from './sender.ts';
import { deliveryHeaders } from './signer.ts';
import type { SecretCipher } from '../secret-cipher.ts';
import { isTestBody } from '../model.ts';

export interface AttemptRun {
  attemptNumber: number;
  startedAt: number;
  /** The headers as the attempt log keeps them: secret values of the webhook's headers masked. */
  requestHeaders: Record<string, string>;
  result: SendResult;
}

/**
 * @param cipher opens secrets stored encrypted (SALESOS_ENCRYPTION_KEY); one it cannot open (a key
 *   removed while secrets still used it; the start checks for that) does not sign.
 */
export async function runAttempt(sender: Sender, work: ClaimedWork, cipher: SecretCipher): Promise<AttemptRun> {
  const attemptNumber = work.attempt_count + 1;
  const startedAt = Date.now();
  const secrets: string[] = [];
  for (const s of work.secrets) {
    try {
      secrets.push(cipher.open(s));
    } catch {
      // left out
    }
  }
  const signed = deliveryHeaders({
    secrets,
    eventId: work.event_id,
    eventType: work.event_type,
    body: work.body,
    attempt: attemptNumber,
    now: startedAt,
    test: isTestBody(work.body),
  });
  let sent = signed;
  let logged = signed;
  if (work.headers) {
    // Lower-cased, so that one set by the webhook (User-Agent) replaces ours instead of going out twice.
    sent = { ...signed };
    logged = { ...signed };
    for (const [name, h] of Object.entries(work.headers)) {
      sent[name.toLowerCase()] = h.value;
      logged[name.toLowerCase()] = h.secret ? MASK : h.value;
    }
  }
  const result = await sender.send(work.url, sent, work.body, work.timeout_ms ?? undefined);
  return { attemptNumber, startedAt, requestHeaders: logged, result };
}
