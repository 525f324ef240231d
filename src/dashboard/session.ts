// Dashboard sessions: signing in with an API key opens a server-side session (kept in this
// process's memory) named by a random id in an HttpOnly, SameSite=Strict cookie. The key itself
// is checked once and never stored, neither in the cookie nor in the session. Every form carries
// the session's CSRF token, checked on every POST.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../model.ts';

export const SESSION_COOKIE = 'sos_session';
/** Double-submit token of the sign-in form, before any session exists (login CSRF). */
export const SIGNIN_COOKIE = 'sos_signin';
const IDLE_MS = 12 * 60 * 60 * 1000;
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

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

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(auth: Auth, organizationName: string, keyPrefix: string): Session {
    const now = Date.now();
    if (this.sessions.size >= MAX_SESSIONS) this.sweep(now, true);
    const s: Session = { id: token(), auth, organizationName, keyPrefix, csrf: token(), createdAt: now, seenAt: now, flash: null };
    this.sessions.set(s.id, s);
    return s;
  }

  get(id: string | null): Session | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const now = Date.now();
    if (now - s.seenAt > IDLE_MS || now - s.createdAt > MAX_AGE_MS) {
      this.sessions.delete(id);
      return null;
    }
    s.seenAt = now;
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Drops expired sessions; when full, the least recently seen tenth as well. */
  private sweep(now: number, full: boolean): void {
    for (const [id, s] of this.sessions) if (now - s.seenAt > IDLE_MS || now - s.createdAt > MAX_AGE_MS) this.sessions.delete(id);
    if (full && this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.seenAt - b.seenAt).slice(0, MAX_SESSIONS / 10);
      for (const s of oldest) this.sessions.delete(s.id);
    }
  }
}

/** Slows down guessing: at most `limit` failed sign-ins per address per minute. */
export class SignInLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();
  constructor(private readonly limit: number) {}

  blocked(ip: string): boolean {
    const f = this.failures.get(ip);
    return !!f && Date.now() - f.since < 60_000 && f.count >= this.limit;
  }

  fail(ip: string): void {
    const now = Date.now();
    const f = this.failures.get(ip);
    if (!f || now - f.since >= 60_000) this.failures.set(ip, { count: 1, since: now });
    else f.count++;
    if (this.failures.size > 100_000) this.failures.clear();
  }
}
