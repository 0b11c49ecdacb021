/**
 * The citizen portal's sign-in by SMS code (短信验证码登录) and 我的上报: a citizen proves he holds a mobile number
 * and sees every report made with it — as the reporter, or added by 我也遇到 / 追加来电 — with the public data the
 * timeline shows. The session is an httpOnly cookie (`ld_citizen`) sent only to the portal's API
 * (/api/v1/public), SameSite=Strict, seven days or until signing out; only its hash is kept.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj, Ok, PageOf, PagingFields } from './common.ts';
import { TrackingCode } from './portal.ts';
import { route } from './route.ts';
import { literals, SATISFACTIONS, STATE_CODES } from './vocabulary.ts';

/** The cookie of a citizen's session, and the path it is sent to (the portal's API only). */
export const CITIZEN_COOKIE = 'ld_citizen';
export const CITIZEN_COOKIE_PATH = '/api/v1/public';

const Phone = Type.String({ maxLength: 20, description: 'a mainland mobile number: 11 digits (spaces, dashes or +86 allowed)' });

export const CodeRequestBody = Type.Object({ phone: Phone }, { additionalProperties: false });
export const SignInBody = Type.Object({ phone: Phone, code: Type.String({ maxLength: 12, description: 'the 6 digits of the SMS' }) }, { additionalProperties: false });

/** The same answer for every valid number: nothing says whether it has reports. */
export const CodeSentSchema = Obj({
  phone: Type.String({ description: 'the number the code went to, masked (139****5678)' }),
  expiresInSeconds: Type.Integer(),
  resendInSeconds: Type.Integer({ description: 'another code may be asked for after this many seconds' }),
});

export const CitizenSessionSchema = Obj({
  phone: Type.String({ description: 'the verified number (your own)' }),
  expiresAt: DateTime,
});
export type CitizenSessionView = Static<typeof CitizenSessionSchema>;

/** One of my reports, as the public timeline shows it (no person, phones masked). */
export const MyReportSchema = Obj({
  trackingCode: TrackingCode,
  orderCode: Type.String(),
  state: Obj({ code: literals(STATE_CODES), label: Type.String() }),
  finished: Type.Boolean({ description: 'closed, not accepted, merged or voided' }),
  nature: Type.String(),
  category: Nullable(Type.String()),
  description: Type.String({ description: 'the first 80 characters, phone numbers masked' }),
  reportedAt: DateTime,
  joined: Type.Boolean({ description: 'you added yourself to another citizen’s report (我也遇到, 追加来电)' }),
  canRate: Type.Boolean({ description: 'waiting for your rating (the call-back SMS carries its link)' }),
  satisfaction: Nullable(literals(SATISFACTIONS)),
});
export type MyReport = Static<typeof MyReportSchema>;

export const portalSignInRoutes = {
  requestCode: route({
    method: 'POST',
    path: '/api/v1/public/citizen/codes',
    tags: ['public'],
    summary: '获取验证码 An SMS sign-in code for a mobile number (one a minute, a few an hour and a day per number and per address)',
    body: CodeRequestBody,
    response: { 202: CodeSentSchema },
    public: true,
  }),
  signIn: route({
    method: 'POST',
    path: '/api/v1/public/citizen/session',
    tags: ['public'],
    summary: '验证码登录 Sign in with the SMS code: sets the citizen’s session cookie (5 wrong tries void a code)',
    body: SignInBody,
    response: { 200: CitizenSessionSchema },
    public: true,
  }),
  session: route({
    method: 'GET',
    path: '/api/v1/public/citizen/session',
    tags: ['public'],
    summary: '登录状态 The citizen signed in by the session cookie (401 when none)',
    response: { 200: CitizenSessionSchema },
    public: true,
  }),
  signOut: route({
    method: 'DELETE',
    path: '/api/v1/public/citizen/session',
    tags: ['public'],
    summary: '退出登录 Signs the citizen out: the session ends at once',
    response: { 200: Ok },
    public: true,
  }),
  myReports: route({
    method: 'GET',
    path: '/api/v1/public/citizen/reports',
    tags: ['public'],
    summary: '我的上报 The reports made with the signed-in number, newest first (public data only)',
    querystring: Obj({ ...PagingFields }),
    response: { 200: PageOf(MyReportSchema) },
    public: true,
  }),
};
