/**
 * 设备签名: a device's request is its own when `X-Signature` is the hex HMAC-SHA256 of `${X-Timestamp}\n${raw body}`
 * keyed with the device's secret, and fresh when `X-Timestamp` (unix seconds or RFC 3339) lies within five minutes of
 * the server's clock either way. A replay within those minutes is caught by the event ids (device + event id once).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a device's clock may be from the server's, either way. */
export const MAX_SKEW_MS = 5 * 60_000;

const UNIX_SECONDS = /^\d{1,12}(\.\d{1,9})?$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** The instant an `X-Timestamp` names, or null when it is neither unix seconds nor RFC 3339. */
export function parseTimestamp(text: string | undefined): Date | null {
  if (!text) return null;
  const t = text.trim();
  if (UNIX_SECONDS.test(t)) return new Date(Math.round(Number(t) * 1000));
  if (RFC3339.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/** 'ok', or whether the timestamp is too old or too far ahead of `now`. */
export function freshness(at: Date, now: Date, skewMs = MAX_SKEW_MS): 'ok' | 'stale' | 'future' {
  const d = at.getTime() - now.getTime();
  if (d < -skewMs) return 'stale';
  if (d > skewMs) return 'future';
  return 'ok';
}

/** The signature a device computes: hex HMAC-SHA256 over `${timestamp}\n${rawBody}`. */
export function signRequest(secret: string, timestamp: string, rawBody: string): string {
  // Fed in two parts: the body (up to a few MB) is not copied into a joined string first.
  return createHmac('sha256', secret).update(`${timestamp}\n`, 'utf8').update(rawBody, 'utf8').digest('hex');
}

/** True when `signature` (hex, either case) is the request's; compared in constant time. */
export function signatureMatches(secret: string, timestamp: string, rawBody: string, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-fA-F]{64}$/.test(signature.trim())) return false;
  const expected = Buffer.from(signRequest(secret, timestamp, rawBody), 'hex');
  const given = Buffer.from(signature.trim(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
