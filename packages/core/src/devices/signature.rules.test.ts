import { describe, expect, it } from 'vitest';
import { freshness, parseTimestamp, signatureMatches, signRequest } from './signature.rules.ts';

describe('device signature', () => {
  const secret = 'a'.repeat(64);
  const body = '{"device":"CAM-1","eventId":"e1"}';
  it('matches the HMAC-SHA256 of timestamp, newline and body, in either case', () => {
    const sig = signRequest(secret, '1780000000', body);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureMatches(secret, '1780000000', body, sig)).toBe(true);
    expect(signatureMatches(secret, '1780000000', body, sig.toUpperCase())).toBe(true);
  });
  it('refuses another body, timestamp, secret or a malformed signature', () => {
    const sig = signRequest(secret, '1780000000', body);
    expect(signatureMatches(secret, '1780000000', body + ' ', sig)).toBe(false);
    expect(signatureMatches(secret, '1780000001', body, sig)).toBe(false);
    expect(signatureMatches('b'.repeat(64), '1780000000', body, sig)).toBe(false);
    expect(signatureMatches(secret, '1780000000', body, 'zz')).toBe(false);
    expect(signatureMatches(secret, '1780000000', body, undefined)).toBe(false);
  });
  it('reads unix seconds and RFC 3339, nothing else', () => {
    expect(parseTimestamp('1780000000')?.toISOString()).toBe(new Date(1_780_000_000_000).toISOString());
    expect(parseTimestamp('2026-06-01T08:00:00+08:00')?.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(parseTimestamp('yesterday')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
    expect(parseTimestamp('2026-06-01')).toBeNull();
  });
  it('is fresh within five minutes either way', () => {
    const now = new Date('2026-06-01T08:00:00Z');
    expect(freshness(new Date('2026-06-01T07:56:00Z'), now)).toBe('ok');
    expect(freshness(new Date('2026-06-01T07:54:59Z'), now)).toBe('stale');
    expect(freshness(new Date('2026-06-01T08:05:01Z'), now)).toBe('future');
  });
});
