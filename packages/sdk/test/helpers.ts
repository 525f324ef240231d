// Shared by the tests: secrets, signed deliveries and a real HTTP server on 127.0.0.1.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signHeaders, type SalesOSEvent, type SignedHeaders } from '../src/index.js';
import { sampleEvents } from './fixtures.js';

/** The Standard Webhooks test vector (libraries/javascript/src/webhook.test.ts). */
export const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
} as const;

/** Two fixed secrets (base64 of 32 bytes each): one current, one just rotated out. */
export const SECRET = 'whsec_c2FsZXNvcy10ZXN0LXNlY3JldC1udW1iZXItb25lLTAx';
export const OLD_SECRET = 'whsec_c2FsZXNvcy10ZXN0LXNlY3JldC1udW1iZXItdHdvLTAy';

export interface Delivery {
  event: SalesOSEvent;
  body: string;
  headers: SignedHeaders;
}

/** A delivery as SalesOS sends it, signed now (or at `timestamp`) with `secret`. */
export async function delivery(
  event: SalesOSEvent = sampleEvents['opportunity.won'],
  options: { secret?: string | string[]; timestamp?: number } = {},
): Promise<Delivery> {
  const body = JSON.stringify(event);
  const headers = await signHeaders({
    id: event.id,
    body,
    secret: options.secret ?? SECRET,
    eventType: event.type,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
  return { event, body, headers };
}

/** The same event under a new id, for tests that need several distinct events. */
export function withId(event: SalesOSEvent, id: string): SalesOSEvent {
  return { ...event, id };
}

/** Starts `server` on a free port of 127.0.0.1 and returns its base URL. */
export async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export interface Answer {
  status: number;
  body: unknown;
}

/** POSTs a delivery (or any body and headers) and reads the JSON answer. */
export async function post(url: string, body: string, headers: Record<string, string | undefined>): Promise<Answer> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) clean[name] = value;
  const response = await fetch(url, { method: 'POST', body, headers: clean });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** Flips one character in the middle of `text`. */
export function tamper(text: string): string {
  const i = Math.floor(text.length / 2);
  return text.slice(0, i) + (text[i] === 'a' ? 'b' : 'a') + text.slice(i + 1);
}
