// The server side of `salesos listen` (SPEC §10): GET /v1/listen streams the organization's
// events as Server-Sent Events, so a developer's machine receives them over an outbound
// connection and forwards them to a local app. Registered under /v1 by src/http/server.ts.
import { Type } from '@sinclair/typebox';
import type { ServerResponse } from 'node:http';
import { validation } from '../../errors.ts';
import { Id, errorResponses } from '../../contract/common.ts';
import type { Api, ApiContext } from '../context.ts';
import { idFloor, isId } from '../../ids.ts';
import { isEventPattern, matchesEvent } from '../../catalog.ts';

/** Poll at least this often: a publish signals new work only when it queued a delivery. */
const POLL_MS = 500;
const HEARTBEAT_MS = 15_000;
/**
 * Ids are taken at publish time and committed a little later, so a slow transaction can commit
 * an id below one already sent. Each poll looks this far back and skips what it already sent.
 */
const LOOKBACK_MS = 5_000;
const PAGE = 500;

/** The smallest event id of a millisecond. */
export const eventIdFloor = (ms: number) => idFloor('evt', ms);

/** The `events` query parameter: comma-separated patterns, `*` when absent. */
export function parsePatterns(text: string | undefined): string[] {
  const patterns = (text ?? '*')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (!patterns.length) return ['*'];
  const bad = patterns.filter((p) => !isEventPattern(p));
  if (bad.length) {
    throw validation(
      `Unknown event type or pattern: ${bad.join(', ')}`,
      bad.map(() => ({ field: 'querystring.events', message: 'unknown event type' })),
    );
  }
  return patterns;
}

interface Stream {
  close(): void;
}

const ListenQuery = Type.Object(
  {
    events: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'Comma-separated event types, `group.*` wildcards or `*` (default `*`)',
        examples: ['lead.*,opportunity.won'],
      }),
    ),
  },
  { additionalProperties: false },
);

export async function streamRoutes(api: Api, app: ApiContext): Promise<void> {
  const open = new Set<Stream>();
  // Open streams never become idle, so the server could not close while one is connected.
  api.addHook('preClose', async () => {
    for (const s of open) s.close();
  });

  api.get(
    '/listen',
    {
      schema: {
        operationId: 'listenEvents',
        tags: ['events'],
        summary: "Stream the organization's events as Server-Sent Events (what `salesos listen` connects to)",
        description:
          'Answers `text/event-stream`. Each event is one message: `id:` the event id, `event:` its type, `data:` the exact JSON body a delivery sends. ' +
          'Only events published after the connection opened are sent, unless a `Last-Event-ID` header names the last event received: then every later one is. ' +
          'The first message has an `id:` and no data: the starting point, to send back as `Last-Event-ID` when reconnecting. ' +
          'Comment lines (`: heartbeat`) keep the connection alive every 15 seconds.',
        querystring: ListenQuery,
        headers: Type.Object({ 'last-event-id': Type.Optional(Id('evt', 'Resume after this event id')) }),
        response: {
          200: { description: 'A stream of events', content: { 'text/event-stream': { schema: Type.String() } } },
          ...errorResponses(),
        },
      },
    },
    async (req, reply) => {
      const patterns = parsePatterns(req.query.events);
      const lastEventId = req.headers['last-event-id'];
      if (lastEventId !== undefined && !isId(lastEventId, 'evt')) {
        throw validation('Last-Event-ID must be an event id (evt_…)', [{ field: 'headers.last-event-id', message: 'invalid event id' }]);
      }
      const organizationId = req.auth.organizationId;
      const res = reply.raw;
      reply.hijack();
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Proxies such as nginx would otherwise buffer the stream.
        'x-accel-buffering': 'no',
      });
      const after = lastEventId ?? eventIdFloor(Date.now());
      // The first message carries only the starting point as its id (no data: clients dispatch
      // nothing), so a client that reconnects before any event arrives resumes from here.
      res.write(`retry: 2000\n: listening for ${patterns.join(',')}\nid: ${after}\n\n`);
      open.add(runStream(app, res, organizationId, patterns, after, open));
    },
  );
}

function runStream(app: ApiContext, res: ServerResponse, organizationId: string, patterns: string[], after: string, open: Set<Stream>): Stream {
  const start = after;
  /** Highest id seen (sent or skipped), and what was sent within the look-back window. */
  let highest = after;
  const seen = new Set<string>();
  let closed = false;
  let polling = false;
  let again = false;

  const poll = async () => {
    if (closed) return;
    if (polling) {
      again = true;
      return;
    }
    polling = true;
    try {
      do {
        again = false;
        await sendNew();
      } while (again && !closed);
    } catch (err) {
      // A database hiccup: the next tick tries again; the client still gets heartbeats.
      app.log.warn({ err }, 'listen stream poll failed');
    } finally {
      polling = false;
    }
  };

  const sendNew = async () => {
    const windowFloor = eventIdFloor(Date.now() - LOOKBACK_MS);
    let lower = highest < windowFloor ? highest : windowFloor;
    if (lower < start) lower = start;
    for (;;) {
      const rows = await app.events.after(organizationId, lower, PAGE);
      for (const row of rows) {
        if (closed) return;
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        if (row.id > highest) highest = row.id;
        if (matchesEvent(patterns, row.type)) res.write(`id: ${row.id}\nevent: ${row.type}\ndata: ${row.body}\n\n`);
      }
      if (rows.length < PAGE) break;
      lower = rows[rows.length - 1].id;
    }
    // Forget what can no longer come back in a poll.
    const floor = highest < windowFloor ? highest : windowFloor;
    for (const id of seen) if (id <= floor) seen.delete(id);
  };

  const timer = setInterval(() => void poll(), POLL_MS);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  const unlisten = app.signals.onWork(() => void poll());
  const stream: Stream = {
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      clearInterval(heartbeat);
      unlisten();
      open.delete(stream);
      res.end();
    },
  };
  res.on('close', () => stream.close());
  res.on('error', () => stream.close());
  void poll();
  return stream;
}
