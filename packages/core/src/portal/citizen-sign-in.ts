/**
 * 短信验证码登录: a citizen signs in to the portal with his mobile number to see his own reports (我的上报). No
 * account: holding the number is the identity.
 *
 * Asking for a code: any valid mainland number gets one (whether it has reports or not is never told: every valid
 * number is answered alike), six digits from the crypto RNG, stored only as a salted hash, valid five minutes, sent
 * as an SMS through the transactional outbox like the call-back SMS (orders/callback-links.ts). A deployment with
 * no SMS gateway keeps it in the outbox (status `stored`), where an administrator reads it in the message log
 * (notify/message-secrets.rules.ts: a code is shown there only while no gateway will send it). One phone gets a
 * code a minute and a few an hour and a day (citizen-sign-in.rules.ts), counted in the database under the phone's
 * lock, so every process and every restart counts the same; addresses are counted at the HTTP edge.
 *
 * Signing in: the phone's newest open code is compared in constant time; a wrong one is counted, the fifth voids it,
 * and every failure (no code, expired, voided, wrong) answers the same. The session's token is random and only its
 * hash is kept; it lasts seven days or until the citizen signs out.
 */
import type { Db, Queryable } from '@liandong/db';
import type { Lang } from '@liandong/contracts';
import { newSecret, sha256 } from '../auth/tokens.ts';
import { enqueueMessage } from '../notify/index.ts';
import { maskPhone } from '../org/personal-data.ts';
import { DomainError, invalidField, TooManyRequests } from '../shared/errors.ts';
import {
  codeHash,
  codeMatches,
  codeSent,
  codeWaitSeconds,
  mobileNumber,
  newSalt,
  newSignInCode,
  SIGN_IN,
  typedCode,
  type CodeSent,
} from './citizen-sign-in.rules.ts';
import {
  codesSentSince,
  countWrongTry,
  deleteSession,
  endCode,
  endOpenCodes,
  insertCode,
  insertSession,
  liveCode,
  lockPhone,
  purgeCitizenSignIns,
  sessionById,
} from './citizen-sign-in.repository.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A citizen's session token (the portal's cookie): `ldc_` and 43 characters. */
const TOKEN_PREFIX = 'ldc';

export interface CitizenSession {
  /** The verified mobile number (11 digits). */
  phone: string;
  expiresAt: Date;
}

/** The number as typed, or 400 naming `phone`. */
export function verifiedFormat(raw: string): string {
  const phone = mobileNumber(raw);
  if (!phone) throw invalidField('phone', '请输入 11 位手机号码', 'enter an 11-digit mainland mobile number');
  return phone;
}

const wrongCode = () =>
  new DomainError(401, 'bad_credentials', { zh: '验证码错误或已失效，请重新获取', en: 'Wrong or expired code: ask for a new one' }, 'code');

/** Sends a sign-in code to the phone (as an SMS in the outbox), or 429 while the phone must wait. */
export async function requestSignInCode(db: Db, input: { phone: string; ip?: string; lang: Lang }, now: Date): Promise<CodeSent> {
  const phone = verifiedFormat(input.phone);
  const code = newSignInCode();
  await db.transaction(async (tx) => {
    await lockPhone(tx, phone);
    const wait = codeWaitSeconds(await codesSentSince(tx, phone, new Date(now.getTime() - DAY)), now);
    if (wait > 0) {
      throw new TooManyRequests(wait, 'rate_limited', {
        zh: `该手机号获取验证码过于频繁，请 ${wait} 秒后再试`,
        en: `Too many codes for this number; try again in ${wait} s`,
      });
    }
    await endOpenCodes(tx, phone, now);
    const salt = newSalt();
    await insertCode(tx, { phone, salt, codeHash: codeHash(salt, phone, code), createdAt: now, expiresAt: new Date(now.getTime() + SIGN_IN.codeMinutes * MINUTE), ip: input.ip ?? null });
    await enqueueMessage(tx, {
      template: 'citizen.sign_in_code',
      lang: input.lang,
      vars: { code, minutes: SIGN_IN.codeMinutes },
      channel: 'sms',
      recipient: { kind: 'phone', phone },
      at: now,
    });
  });
  return codeSent(maskPhone(phone)!);
}

/** A decoy compared when the phone has no open code, so that case costs what a wrong code costs. */
const DECOY = { salt: '0'.repeat(32), phone: '00000000000', code_hash: '0'.repeat(64) };

/** Checks the code and opens a session; 401 naming `code` for any failure, alike. */
export async function signInWithCode(
  db: Db,
  input: { phone: string; code: string; ip?: string; userAgent?: string },
  now: Date,
): Promise<CitizenSession & { token: string }> {
  const phone = verifiedFormat(input.phone);
  const code = typedCode(input.code);
  if (!/^\d{6}$/.test(code)) throw invalidField('code', '验证码为 6 位数字', 'the code is 6 digits');
  // The try is counted in a transaction that commits whatever the outcome; the refusal comes after it.
  const opened = await db.transaction(async (tx) => {
    await lockPhone(tx, phone);
    const live = await liveCode(tx, phone, now);
    if (!live) {
      codeMatches(DECOY, code);
      return null;
    }
    if (!codeMatches(live, code)) {
      await countWrongTry(tx, live.id, live.tries + 1 >= SIGN_IN.maxTries ? now : null);
      return null;
    }
    await endCode(tx, live.id, now);
    const token = newSecret(TOKEN_PREFIX);
    const expiresAt = new Date(now.getTime() + SIGN_IN.sessionDays * DAY);
    await insertSession(tx, { id: sha256(token), phone, createdAt: now, expiresAt, ip: input.ip ?? null, userAgent: input.userAgent?.slice(0, 500) ?? null });
    return { token, phone, expiresAt };
  });
  if (!opened) throw wrongCode();
  return opened;
}

/** The session a token names, if it is one and has not expired or been ended. */
export async function citizenSession(q: Queryable, token: string | undefined, now: Date): Promise<CitizenSession | null> {
  if (!token || !token.startsWith(`${TOKEN_PREFIX}_`) || token.length > 100) return null;
  const s = await sessionById(q, sha256(token), now);
  return s ? { phone: s.phone, expiresAt: new Date(s.expires_at) } : null;
}

/** Signing out ends the session at once (its row is deleted: the token is worth nothing after). */
export async function signOutCitizen(q: Queryable, token: string | undefined): Promise<void> {
  if (token?.startsWith(`${TOKEN_PREFIX}_`)) await deleteSession(q, sha256(token));
}

/** Housekeeping: expired sessions, and codes older than the day the limits look back on. */
export function purgeCitizenSessions(q: Queryable, now: Date) {
  return purgeCitizenSignIns(q, now, new Date(now.getTime() - DAY));
}
