// Verifies a SalesOS webhook delivery with Node.js alone (node:crypto), no SDK.
// Usage: SALESOS_WEBHOOK_SECRET=whsec_... node verify.mjs request.json   (or the JSON on stdin)
// request.json: {"headers": {"webhook-id": "...", ...}, "body": "<the raw body, exactly as received>"}
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function verifyWebhook(rawBody, headers, secret, toleranceSeconds = 300) {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  const id = lower['webhook-id'];
  const timestamp = lower['webhook-timestamp'];
  const signatures = lower['webhook-signature'] ?? lower['x-webhook-signature'];
  if (!id || !timestamp || !signatures) throw new Error('missing webhook headers');

  // The key is the base64 part of the secret; the signed content is "{id}.{timestamp}.{body}".
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
  const valid = signatures.split(' ').some((entry) => {
    const [version, signature = ''] = entry.split(',');
    const given = Buffer.from(signature, 'base64');
    // timingSafeEqual, never ===: a comparison that stops early leaks the signature.
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!valid) throw new Error('invalid signature');

  const age = Math.floor(Date.now() / 1000) - Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(age) > toleranceSeconds) throw new Error('timestamp outside the tolerance');
  return JSON.parse(rawBody);
}

// The command line runs only when this file is the program, so `import { verifyWebhook }` is safe.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const input = JSON.parse(readFileSync(process.argv[2] ?? 0, 'utf8'));
  try {
    const event = verifyWebhook(input.body, input.headers, process.env.SALESOS_WEBHOOK_SECRET ?? '');
    console.log(`verified ${event.id} ${event.type}`);
  } catch (error) {
    console.error(`rejected: ${error.message}`);
    process.exitCode = 1;
  }
}
