import { verify, WebhookVerificationError } from '@salesos/webhooks';

// rawBody: string | Buffer | Uint8Array | ArrayBuffer, the body exactly as received.
// headers: a plain object (any key case), Node's req.headers, or a Fetch Headers.
export async function receive(rawBody: string | Uint8Array, headers: Record<string, string | string[] | undefined>): Promise<number> {
  try {
    const event = await verify(rawBody, headers, process.env.SALESOS_WEBHOOK_SECRET!);
    if (event.type === 'opportunity.won') {
      console.log(event.data.object.amount, event.data.previous_attributes.stage); // typed
    }
    return 200;
  } catch (error) {
    if (error instanceof WebhookVerificationError) {
      console.log(error.code);
      return 400;
    }
    throw error;
  }
}
