import { signHeaders, type SalesOSEvent } from '@salesos/webhooks';

// POSTs `event` to your endpoint exactly as SalesOS would, signed with your test secret.
export async function deliver(url: string, event: SalesOSEvent, testSecret: string): Promise<Response> {
  const body = JSON.stringify(event);
  const headers = await signHeaders({ id: event.id, body, secret: testSecret, eventType: event.type });
  return fetch(url, { method: 'POST', body, headers });
}
