// Dashboard sessions: signing in with an API key opens a server-side session (in the database,
// shared by every process) named by a random id in an HttpOnly, SameSite=Strict cookie. The key itself
// is checked once and never stored, neither in the cookie nor in the session. Every form carries
// the session's CSRF token, checked on every POST.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../model.ts';
import type { SessionStore as SessionPort } from '../store/ports.ts';

export const SESSION_COOKIE = 'sos_session';
/** Double-submit token of the sign-in form, before any session exists (login CSRF). */
export const SIGNIN_COOKIE = 'sos_signin';
const IDLE_MS = 12 * 60 * 60 * 1000;
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60_000;
const SEEN_PRECISION_MS = 60_000;

const hashId = (id: string) => createHash('sha256').update(id).digest('hex');

export interface Flash {
  kind: 'success' | 'error';
  message: string;
}

export interface Session {
  id: string;
  auth: Auth;
  organizationName: string;
  keyPrefix: string;
  csrf: string;
  createdAt: number;
  seenAt: number;
  flash: Flash | null;
  /** What the database holds (flash as JSON): save() writes only a change. */
  stored: { seenAt: number; flash: string };
}

export const token = () => randomBytes(32).toString('base64url');

export function sameToken(a: unknown, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function readCookie(req: FastifyRequest, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

export function setCookie(reply: FastifyReply, name: string, value: string, opts: { secure: boolean; maxAgeS?: number }): void {
  const attrs = [`${name}=${value}`, 'Path=/dashboard', 'HttpOnly', 'SameSite=Strict'];
  if (opts.secure) attrs.push('Secure');
  if (opts.maxAgeS !== undefined) attrs.push(`Max-Age=${opts.maxAgeS}`);
  // Fastify appends set-cookie values rather than replacing them.
  reply.header('set-cookie', attrs.join('; '));
}

/**
 * Sessions in the database (any process serving the dashboard knows every session), by the
 * SHA-256 of their id: a copy of the table opens none of them.
 */
export class SessionStore {
  private lastPurge = 0;

  constructor(private readonly store: SessionPort) {}

  async create(auth: Auth, organizationName: string, keyPrefix: string): Promise<Session> {
    const now = Date.now();
    const s: Session = {
      id: token(),
      auth,
      organizationName,
      keyPrefix,
      csrf: token(),
      createdAt: now,
      seenAt: now,
      flash: null,
      stored: { seenAt: now, flash: 'null' },
    };
    await this.store.create({
      id_hash: hashId(s.id),
      organization_id: auth.organizationId,
      key_id: auth.keyId,
      organization_name: organizationName,
      key_prefix: keyPrefix,
      csrf: s.csrf,
      flash: null,
      created_at: now,
      seen_at: now,
    });
    if (now - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = now;
      await this.store.purge(now - IDLE_MS, now - MAX_AGE_MS);
    }
    return s;
  }

  async get(id: string | null): Promise<Session | null> {
    if (!id || id.length > 100) return null;
    const r = await this.store.get(hashId(id));
    if (!r) return null;
    const now = Date.now();
    if (now - r.seen_at > IDLE_MS || now - r.created_at > MAX_AGE_MS) {
      await this.store.delete(r.id_hash);
      return null;
    }
    const flash = r.flash ? (JSON.parse(r.flash) as Flash) : null;
    return {
      id,
      auth: { organizationId: r.organization_id, keyId: r.key_id, scopes: r.scopes },
      organizationName: r.organization_name,
      keyPrefix: r.key_prefix,
      csrf: r.csrf,
      createdAt: r.created_at,
      seenAt: now,
      flash,
      stored: { seenAt: r.seen_at, flash: JSON.stringify(flash) },
    };
  }

  /**
   * Writes what a request changed of its session: its flash message (set by an action, shown by
   * the next page), and when it was seen (at most once a minute).
   */
  async save(s: Session): Promise<void> {
    const flash = JSON.stringify(s.flash);
    if (flash === s.stored.flash && s.seenAt - s.stored.seenAt < SEEN_PRECISION_MS) return;
    await this.store.save(hashId(s.id), s.seenAt, s.flash ? flash : null);
    s.stored = { seenAt: s.seenAt, flash };
  }

  /** Signing out: the session is gone for every process. */
  async destroy(id: string): Promise<void> {
    await this.store.delete(hashId(id));
  }
}
