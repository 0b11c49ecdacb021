import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '@liandong/db';
import { authenticate } from '@liandong/core/auth/authenticate.ts';
import type { Actor } from '@liandong/core/org/actor.ts';
import { unauthenticated } from '@liandong/core/shared/errors.ts';
import type { Clock } from '@liandong/core/shared/clock.ts';
import type { SessionCache } from '@liandong/core/auth/session-cache.ts';

export const SESSION_COOKIE = 'ld_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Resolves the caller from the session cookie or a bearer token (session or integration API token). */
export function installAuthentication(app: FastifyInstance, db: Queryable, clock: Clock, sessions: SessionCache): void {
  app.decorateRequest('actor', null);
  app.addHook('preHandler', async (req) => {
    const header = req.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const secret = bearer ?? req.cookies?.[SESSION_COOKIE];
    req.actor = secret ? await authenticate(db, secret, clock, sessions) : null;
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
