/**
 * The citizen portal's sign-in by SMS code and 我的上报 (contracts/portal-sign-in.ts): adapters over
 * core/portal/citizen-sign-in.ts and my-reports.ts. Addresses are counted at the edge (http/rate-limit.ts), phones
 * in the database; the bodies are a number and a code, so a kilobyte is plenty.
 */
import type { FastifyInstance } from 'fastify';
import { portalSignInRoutes as routes } from '@liandong/contracts';
import { requestSignInCode, signInWithCode, signOutCitizen } from '@liandong/core/portal/citizen-sign-in.ts';
import { myReports } from '@liandong/core/portal/my-reports.ts';
import { citizenToken, clearCitizenCookie, requireCitizen, setCitizenCookie, type CookieSecure } from '../http/citizen-session.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { headerOf } from '../http/request-headers.ts';
import type { Platform } from '../platform.ts';

const SMALL_BODY = { bodyLimit: 1024 };

export function portalSignInRoutes(app: FastifyInstance, p: Platform, opts: { cookieSecure: CookieSecure }): void {
  contractRoute(
    app,
    routes.requestCode,
    async (req, reply) => {
      const sent = await requestSignInCode(p.db, { phone: req.body.phone, ip: req.ip, lang: requestLang(req) }, p.clock());
      reply.status(202);
      return sent;
    },
    SMALL_BODY,
  );

  contractRoute(
    app,
    routes.signIn,
    async (req, reply) => {
      const s = await signInWithCode(p.db, { phone: req.body.phone, code: req.body.code, ip: req.ip, userAgent: headerOf(req, 'user-agent') }, p.clock());
      setCitizenCookie(reply, s.token, s.expiresAt, opts.cookieSecure);
      reply.header('Cache-Control', 'no-store');
      return { phone: s.phone, expiresAt: s.expiresAt.toISOString() };
    },
    SMALL_BODY,
  );

  contractRoute(app, routes.session, async (req, reply) => {
    const s = await requireCitizen(req, reply, p);
    reply.header('Cache-Control', 'no-store');
    return { phone: s.phone, expiresAt: s.expiresAt.toISOString() };
  });

  contractRoute(app, routes.signOut, async (req, reply) => {
    await signOutCitizen(p.db, citizenToken(req));
    clearCitizenCookie(reply);
    return { ok: true as const };
  });

  contractRoute(app, routes.myReports, async (req, reply) => {
    const s = await requireCitizen(req, reply, p);
    reply.header('Cache-Control', 'no-store');
    return myReports(p.db, s.phone, req.query, requestLang(req), p.clock());
  });
}
