// The dashboard at /dashboard (SPEC §8): server-rendered pages over the same services as the API.
// This file holds the plumbing — form parsing, sessions and CSRF, security headers, errors,
// assets, sign-in and sign-out; the pages themselves are in pages.ts.
import { hasScope } from '../model.ts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import type { Api, ApiContext } from '../http/context.ts';
import { field, FORM_LIMIT, parseForm } from './forms.ts';
import { html } from './html.ts';
import { ASSETS, BASE, page } from './layout.ts';
import type { DashboardContext } from './context.ts';
import { pageRoutes } from './pages.ts';
import { readCookie, sameToken, SESSION_COOKIE, SessionStore, setCookie, SIGNIN_COOKIE, token, type Session } from './session.ts';
import { signInPage } from './views/events.ts';

const hide = { schema: { hide: true } };

// No inline script or style anywhere, so the policy can forbid both.
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** A browser names the page a form was sent from; another site's page is refused with the token. */
function crossOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

const wantsJson = (req: FastifyRequest) => req.url.split('?')[0].endsWith('.json');

/** Only paths of the dashboard itself are followed after sign-in (no open redirect). */
function safeNext(next: string): string {
  return /^\/dashboard(\/[A-Za-z0-9_\-./?=&%]*)?$/.test(next) && !next.includes('//') && !next.includes('..') ? next : `${BASE}/webhooks`;
}

export async function dashboardRoutes(api: Api, app: ApiContext): Promise<void> {
  const sessions = new SessionStore(app.sessions);
  const limiter = app.limits.signIns;
  const secure = app.config.production;
  const bySession = new WeakMap<FastifyRequest, Session>();

  const ctx: DashboardContext = {
    app,
    sessions,
    session: (req) => bySession.get(req)!,
    sendPage(reply, status, title, s, body, extra = {}) {
      const flash = s?.flash ?? null;
      if (s) s.flash = null;
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(page({ title, body, flash, viewer: s ? { organizationName: s.organizationName, keyPrefix: s.keyPrefix, csrf: s.csrf } : null, ...extra }));
    },
    seeOther: (reply, to) => reply.redirect(to, 303),
  };

  await api.register(
    async (d) => {
      d.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_req, body, done) => {
        done(null, parseForm(body as string));
      });

      d.addHook('onSend', async (req, reply, payload) => {
        // What the request changed of its session (a flash set or shown), for the next request,
        // whichever process serves it (after sign-out there is no row left to change).
        const s = bySession.get(req);
        if (s) await sessions.save(s).catch((e) => req.log.warn({ err: e }, 'saving a dashboard session failed'));
        reply.header('content-security-policy', CSP);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('x-frame-options', 'DENY');
        reply.header('referrer-policy', 'same-origin');
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
        return payload;
      });

      d.setErrorHandler((err: FastifyError, req, reply) => {
        const known =
          err instanceof ApiError
            ? err
            : err.statusCode && err.statusCode >= 400 && err.statusCode < 500
              ? new ApiError(err.statusCode, 'bad_request', err.message)
              : null;
        if (!known) req.log.error({ err, url: req.url.split('?')[0] }, 'dashboard error');
        const e = known ?? new ApiError(500, 'internal_error', 'Something went wrong on our side. Try again in a moment.');
        if (wantsJson(req)) return reply.code(e.status).send(e.toBody());
        const s = bySession.get(req) ?? null;
        const title = e.status === 404 ? 'Not found' : 'Something went wrong';
        return ctx.sendPage(
          reply,
          e.status,
          title,
          s,
          html`<section class="card empty">
            <h1>${title}</h1>
            <p>${e.message}</p>
            <a class="button" href="${BASE}/webhooks">Back to webhooks</a>
          </section>`,
          { section: 'webhooks' },
        );
      });

      d.setNotFoundHandler((req, reply) => {
        const e = new ApiError(404, 'not_found', 'There is no such page in the dashboard.');
        if (wantsJson(req)) return reply.code(404).send(e.toBody());
        return ctx.sendPage(
          reply,
          404,
          'Not found',
          null,
          html`<section class="card empty">
            <h1>Not found</h1>
            <p>${e.message}</p>
            <a class="button" href="${BASE}/webhooks">Go to the dashboard</a>
          </section>`,
        );
      });

      d.get('/assets/:name', hide, async (req, reply) => {
        const { name } = req.params as { name: string };
        const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : null;
        if (!asset) throw new ApiError(404, 'not_found', 'No such file');
        const versioned = (req.query as Record<string, unknown>).v === asset.version;
        reply.header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.type(asset.type).send(asset.body);
      });

      d.get('/sign-in', hide, async (req, reply) => {
        if (await sessions.get(readCookie(req, SESSION_COOKIE))) return ctx.seeOther(reply, `${BASE}/webhooks`);
        const q = req.query as Record<string, unknown>;
        return signInForm(reply, 200, null, typeof q.next === 'string' ? q.next : '', q.signed_out === '1');
      });

      d.post('/sign-in', hide, async (req, reply) => {
        const next = safeNext(field(req.body, 'next'));
        const expected = readCookie(req, SIGNIN_COOKIE);
        if (!expected || !sameToken(field(req.body, '_signin'), expected))
          return signInForm(reply, 403, 'This sign-in form expired. Enter your key again.', next);
        // Failed sign-ins per client address, counted by every process together.
        const bucket = `sign-in:${req.ip}`;
        const tooMany = () => signInForm(reply, 429, 'Too many failed sign-ins. Wait a minute and try again.', next);
        if (limiter.exhausted(bucket)) return tooMany();
        const key = field(req.body, 'key').trim();
        const auth = key ? await app.keys.authenticate(key) : null;
        if (!auth) {
          if (!(await limiter.take(bucket))) return tooMany();
          return signInForm(reply, key ? 401 : 400, key ? 'That API key is not valid, or it was revoked.' : 'Enter an API key.', next);
        }
        if (!hasScope(auth, 'webhooks:read')) return signInForm(reply, 403, 'That API key lacks the scope webhooks:read, which the dashboard needs.', next);
        const s = await sessions.create(auth, await app.keys.organizationName(auth.organizationId), key.slice(0, 8));
        setCookie(reply, SIGNIN_COOKIE, '', { secure, maxAgeS: 0 });
        setCookie(reply, SESSION_COOKIE, s.id, { secure });
        return ctx.seeOther(reply, next);
      });

      function signInForm(reply: FastifyReply, status: number, error: string | null, next: string, signedOut = false) {
        const t = token();
        setCookie(reply, SIGNIN_COOKIE, t, { secure });
        const flash = signedOut ? { kind: 'success' as const, message: 'You are signed out.' } : null;
        return ctx.sendPage(reply, status, 'Sign in', null, signInPage({ token: t, error, next: safeNext(next) }), { flash });
      }

      // Everything below needs a session; every POST needs its CSRF token.
      await d.register(async (authed) => {
        authed.addHook('preHandler', async (req, reply) => {
          const s = await sessions.get(readCookie(req, SESSION_COOKIE));
          if (!s || !(await app.keys.isLive(s.auth))) {
            if (s) await sessions.destroy(s.id);
            if (wantsJson(req)) return reply.code(401).send(new ApiError(401, 'unauthorized', 'Sign in again').toBody());
            const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
            return ctx.seeOther(reply, `${BASE}/sign-in${next}`);
          }
          bySession.set(req, s);
          if (req.method === 'POST') {
            if (crossOrigin(req) || !sameToken(field(req.body, '_csrf'), s.csrf)) {
              return ctx.sendPage(
                reply,
                403,
                'Form expired',
                s,
                html`<section class="card empty">
                  <h1>This form expired</h1>
                  <p>Go back, reload the page and try again.</p>
                  <a class="button" href="${BASE}/webhooks">Back to webhooks</a>
                </section>`,
              );
            }
          }
          // The key's scopes hold here as in the API: a read-only key browses, and changes nothing.
          const scope = req.method === 'GET' || req.method === 'HEAD' || req.url === `${BASE}/sign-out` ? 'webhooks:read' : 'webhooks:write';
          if (!hasScope(s.auth, scope)) {
            const message = `This API key lacks the scope ${scope}: sign in with a key that has it to make changes.`;
            if (wantsJson(req)) return reply.code(403).send(new ApiError(403, 'insufficient_scope', message).toBody());
            return ctx.sendPage(
              reply,
              403,
              'Not allowed',
              s,
              html`<section class="card empty">
                <h1>Not allowed with this key</h1>
                <p>${message}</p>
                <a class="button" href="${BASE}/webhooks">Back to webhooks</a>
              </section>`,
            );
          }
        });

        authed.get('/', hide, async (_req, reply) => ctx.seeOther(reply, `${BASE}/webhooks`));

        authed.post('/sign-out', hide, async (req, reply) => {
          await sessions.destroy(ctx.session(req).id);
          setCookie(reply, SESSION_COOKIE, '', { secure, maxAgeS: 0 });
          return ctx.seeOther(reply, `${BASE}/sign-in?signed_out=1`);
        });

        await pageRoutes(authed as Api, ctx);
      });
    },
    { prefix: '/dashboard' },
  );
}
