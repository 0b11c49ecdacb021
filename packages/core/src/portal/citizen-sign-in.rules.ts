/**
 * 短信验证码登录, pure rules: what a mainland mobile number is, the sign-in code (six digits from the crypto RNG,
 * kept only as a salted hash), how long it lives and how many wrong tries void it, how often one phone may be sent
 * a code, and how long a citizen's session lasts. The numbers are those of Chinese government H5 pages: a code a
 * minute, five minutes to use it, five tries.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { windowWaitMs } from './portal.rules.ts';

export const SIGN_IN = {
  codeDigits: 6,
  /** A code is valid this long after it is sent. */
  codeMinutes: 5,
  /** Wrong tries on one code; the last one voids it. */
  maxTries: 5,
  /** One code per phone per this many seconds (the page counts down before 重新获取). */
  resendSeconds: 60,
  perHour: 5,
  perDay: 10,
  /** A citizen's session lasts this long (absolute), unless he signs out. */
  sessionDays: 7,
} as const;

export type SignInPolicy = typeof SIGN_IN;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A mainland mobile number's 11 digits from what a citizen typed (spaces, dashes, a leading +86 allowed), or null. */
export function mobileNumber(raw: string): string | null {
  const digits = raw.replace(/[\s\-()]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** Six digits, uniform, from the cryptographic RNG. */
export function newSignInCode(random: (max: number) => number = (max) => randomInt(max)): string {
  return String(random(10 ** SIGN_IN.codeDigits)).padStart(SIGN_IN.codeDigits, '0');
}

export const newSalt = () => randomBytes(16).toString('hex');

/** What is stored of a code: the hash of its salt, its phone and itself (never the code). */
export function codeHash(salt: string, phone: string, code: string): string {
  return createHash('sha256').update(`${salt}:${phone}:${code}`).digest('hex');
}

/** Whether a code typed matches a stored hash, in constant time. */
export function codeMatches(stored: { salt: string; code_hash: string; phone: string }, code: string): boolean {
  const a = Buffer.from(codeHash(stored.salt, stored.phone, code), 'hex');
  const b = Buffer.from(stored.code_hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A code as typed: six digits, spaces ignored; anything else can never match. */
export const typedCode = (raw: string) => raw.replace(/\s/g, '');

/**
 * Seconds before this phone may be sent another code (0: now), from the times codes were sent to it within the
 * last day: one a minute, `perHour` an hour, `perDay` a day (each window sliding).
 */
export function codeWaitSeconds(sent: readonly Date[], now: Date, policy: SignInPolicy = SIGN_IN): number {
  const wait = Math.max(
    windowWaitMs(sent, now, 1, policy.resendSeconds * 1000),
    windowWaitMs(sent, now, policy.perHour, HOUR),
    windowWaitMs(sent, now, policy.perDay, DAY),
  );
  return Math.ceil(wait / 1000);
}

/** What the citizen is told when a code was asked for: the same for every valid number, reports or none. */
export interface CodeSent {
  phone: string;
  expiresInSeconds: number;
  resendInSeconds: number;
}

export const codeSent = (maskedPhone: string, policy: SignInPolicy = SIGN_IN): CodeSent => ({
  phone: maskedPhone,
  expiresInSeconds: policy.codeMinutes * 60,
  resendInSeconds: policy.resendSeconds,
});
