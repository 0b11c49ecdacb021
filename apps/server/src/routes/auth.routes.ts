import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { login, logout } from '@liandong/core/auth/login.ts';
import { sha256 } from '@liandong/core/auth/tokens.ts';
import { callerSecret, requireActor, SESSION_COOKIE } from '../http/auth.ts';
import { changePassword } from '@liandong/core/auth/change-password.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 60 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export function authRoutes(app: FastifyInstance, p: Platform, opts: { cookieSecure: boolean | 'auto' }): void {
  app.post<{ Body: Static<typeof LoginBody> }>(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '登录 Sign in; sets the session cookie and returns a bearer token',
        body: LoginBody,
        response: { 429: errorResponses[400], ...errorResponses },
      },
    },
    async (req, reply) => {
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
        expiresAt: result.expiresAt,
        user: { id: a.userId, username: a.username, displayName: a.displayName, roles: [...a.roles], unitId: a.unitId, mustChangePassword: a.mustChangePassword ?? false },
      };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出 Sign out' } }, async (req, reply) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : req.cookies[SESSION_COOKIE];
    if (token) {
      await logout(p.db, token);
      p.sessions.delete(sha256(token));
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.post<{ Body: Static<typeof ChangePasswordBody> }>(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码 Change your own password (required first after a one-time password); ends your other sessions',
        body: ChangePasswordBody,
        response: errorResponses,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const secret = callerSecret(req);
      await changePassword(p.db, actor, { ...req.body, currentSecret: secret });
      if (secret) p.sessions.delete(sha256(secret));
      return { ok: true };
    },
  );

  app.get('/api/v1/me', { schema: { tags: ['auth'], summary: '当前用户 The signed-in user, roles and scope', response: errorResponses } }, async (req) => {
    const a = requireActor(req);
    return {
      id: a.userId,
      username: a.username,
      displayName: a.displayName,
      roles: [...a.roles],
      unitId: a.unitId,
      unitIds: a.unitIds,
      areaCodes: a.areaCodes,
      mustChangePassword: a.mustChangePassword ?? false,
    };
  });
}
