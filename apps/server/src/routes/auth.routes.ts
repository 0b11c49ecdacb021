import type { FastifyInstance } from 'fastify';
import { authRoutes as routes } from '@liandong/contracts';
import { login, logout } from '@liandong/core/auth/login.ts';
import { sha256 } from '@liandong/core/auth/tokens.ts';
import { changePassword } from '@liandong/core/auth/change-password.ts';
import { permissionsOf } from '@liandong/core/org/permissions.rules.ts';
import { callerSecret, requireActor, SESSION_COOKIE } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

export function authRoutes(app: FastifyInstance, p: Platform, opts: { cookieSecure: boolean | 'auto' }): void {
  contractRoute(app, routes.login, async (req, reply) => {
    const result = await login(p.db, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] }, p.clock);
    reply.setCookie(SESSION_COOKIE, result.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.cookieSecure,
      expires: result.expiresAt,
    });
    const a = result.actor;
    return {
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      user: { id: a.userId, username: a.username, displayName: a.displayName, roles: [...a.roles], unitId: a.unitId, mustChangePassword: a.mustChangePassword ?? false },
    };
  });

  contractRoute(app, routes.logout, async (req, reply) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies[SESSION_COOKIE];
    if (token) {
      await logout(p.db, token);
      p.sessions.delete(sha256(token));
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  contractRoute(app, routes.changePassword, async (req) => {
    const actor = requireActor(req);
    const secret = callerSecret(req);
    await changePassword(p.db, actor, { ...req.body, currentSecret: secret });
    if (secret) p.sessions.delete(sha256(secret));
    return { ok: true as const };
  });

  contractRoute(app, routes.me, async (req) => {
    const a = requireActor(req);
    return {
      id: a.userId,
      username: a.username,
      displayName: a.displayName,
      roles: [...a.roles],
      unitId: a.unitId,
      unitIds: [...a.unitIds],
      areaCodes: [...a.areaCodes],
      mustChangePassword: a.mustChangePassword ?? false,
      permissions: permissionsOf(a),
    };
  });
}
