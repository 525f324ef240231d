// What the dashboard's pages are given by its plumbing (routes.ts): the services, the session of
// a request, and how to answer with a page or a redirect.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiContext } from '../http/context.ts';
import type { page } from './layout.ts';
import type { Session, SessionStore } from './session.ts';

export interface DashboardContext {
  app: ApiContext;
  sessions: SessionStore;
  /** The signed-in session of a request that passed the session hook. */
  session(req: FastifyRequest): Session;
  sendPage(
    reply: FastifyReply,
    status: number,
    title: string,
    s: Session | null,
    body: Parameters<typeof page>[0]['body'],
    extra?: Partial<Parameters<typeof page>[0]>,
  ): FastifyReply;
  seeOther(reply: FastifyReply, to: string): FastifyReply;
}
