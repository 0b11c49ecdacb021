/**
 * The citizen portal's session (短信验证码登录): an httpOnly cookie sent only to the portal's API
 * (`/api/v1/public`), SameSite=Strict. Chosen over a bearer token kept by the page: a script on the page (an XSS)
 * cannot read it, the browser sends it on the portal's own requests only (a cross-site form or fetch carries none),
 * and it never reaches the staff API; signing out deletes the session's row, so the cookie is worth nothing after.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CITIZEN_COOKIE, CITIZEN_COOKIE_PATH } from '@liandong/contracts';
import { citizenSession, type CitizenSession } from '@liandong/core/portal/citizen-sign-in.ts';
import { DomainError } from '@liandong/core/shared/errors.ts';
import type { Platform } from '../platform.ts';

export type CookieSecure = boolean | 'auto';

export const citizenToken = (req: FastifyRequest): string | undefined => req.cookies?.[CITIZEN_COOKIE];

export function setCitizenCookie(reply: FastifyReply, token: string, expires: Date, secure: CookieSecure): void {
  reply.setCookie(CITIZEN_COOKIE, token, { path: CITIZEN_COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure, expires });
}

export function clearCitizenCookie(reply: FastifyReply): void {
  reply.clearCookie(CITIZEN_COOKIE, { path: CITIZEN_COOKIE_PATH });
}

/** The signed-in citizen, or null (no cookie, or one whose session expired or was ended). */
export function citizenOf(req: FastifyRequest, p: Platform): Promise<CitizenSession | null> {
  return citizenSession(p.db, citizenToken(req), p.clock());
}

/** The signed-in citizen, or 401 (a stale cookie is cleared). */
export async function requireCitizen(req: FastifyRequest, reply: FastifyReply, p: Platform): Promise<CitizenSession> {
  const s = await citizenOf(req, p);
  if (s) return s;
  if (citizenToken(req)) clearCitizenCookie(reply);
  throw new DomainError(401, 'unauthenticated', { zh: '请先用手机号登录', en: 'Sign in with your mobile number first' });
}
