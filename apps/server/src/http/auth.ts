import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '@liandong/db';
import { authenticate } from '@liandong/core/auth/authenticate.ts';
import type { Actor } from '@liandong/core/org/actor.ts';
import { DomainError, unauthenticated } from '@liandong/core/shared/errors.ts';
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
    if (req.actor?.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url ?? '')) {
      throw new DomainError(403, 'password_change_required', {
        zh: '首次登录请先修改密码（POST /api/v1/auth/password）',
        en: 'Change your one-time password first (POST /api/v1/auth/password)',
      });
    }
  });
}

/** What a person signed in with a one-time password may do before choosing his own. */
const OPEN_BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/password', '/api/v1/me']);

/** The caller's own secret (bearer token or session cookie), if any. */
export function callerSecret(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : req.cookies?.[SESSION_COOKIE];
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
