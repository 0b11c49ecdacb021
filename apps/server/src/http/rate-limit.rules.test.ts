import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, isExpired, rateLimits, rateTier, takeFromWindow, type RateBucket } from './rate-limit.rules.ts';

const W = { limit: 3, windowMs: 60_000 };

describe('rate limit rules', () => {
  it('allows up to the limit in a window, then refuses with the seconds left', () => {
    let b: RateBucket | undefined;
    for (let i = 0; i < 3; i++) {
      const d = takeFromWindow(b, 1, W, 1_000 + i);
      expect(d.allowed).toBe(true);
      b = d.bucket;
    }
    const refused = takeFromWindow(b, 1, W, 31_000);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    expect(refused.bucket.used).toBe(3); // a refusal takes nothing
  });

  it('a new window starts once the old one is over', () => {
    const full = { windowStart: 0, used: 3 };
    expect(takeFromWindow(full, 1, W, 59_999).allowed).toBe(false);
    expect(takeFromWindow(full, 1, W, 60_000)).toMatchObject({ allowed: true, bucket: { windowStart: 60_000, used: 1 } });
    expect(isExpired(full, W, 60_000)).toBe(true);
    expect(isExpired(full, W, 59_999)).toBe(false);
  });

  it('counts costs (bytes): what does not fit is refused, a smaller one still fits', () => {
    const bytes = { limit: 100, windowMs: 1000 };
    const a = takeFromWindow(undefined, 80, bytes, 0);
    expect(takeFromWindow(a.bucket, 30, bytes, 10).allowed).toBe(false);
    expect(takeFromWindow(a.bucket, 20, bytes, 10).allowed).toBe(true);
    expect(takeFromWindow(undefined, 101, bytes, 0)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('a clock going back does not keep an old window', () => {
    expect(takeFromWindow({ windowStart: 10_000, used: 3 }, 1, W, 5_000).allowed).toBe(true);
  });

  it('tiers: citizens alone, integration accounts, everyone else staff', () => {
    expect(rateTier(new Set(['citizen']))).toBe('citizen');
    expect(rateTier(new Set())).toBe('citizen');
    expect(rateTier(new Set(['citizen', 'operator']))).toBe('staff');
    expect(rateTier(new Set(['dispatcher']))).toBe('staff');
    expect(rateTier(new Set(['integration']))).toBe('integration');
  });

  it('defaults: citizens a few orders a minute, staff and integrations far more; byte limits above one upload', () => {
    const d = DEFAULT_RATE_LIMITS;
    expect(d.intake.citizen).toEqual({ limit: 10, windowMs: 60_000 });
    expect(d.intake.staff.limit).toBeGreaterThanOrEqual(60 * d.intake.citizen.limit);
    expect(d.intake.integration.limit).toBeGreaterThan(d.intake.staff.limit);
    expect(d.uploadBytes.citizen.limit).toBeGreaterThan(10 * 1024 * 1024);
    expect(d.publicPerAddress).toEqual({ limit: 60, windowMs: 60_000 });
    expect(d.signInCodesPerAddress).toEqual({ limit: 20, windowMs: 3_600_000 });
    expect(d.signInTriesPerAddress.limit).toBeGreaterThan(d.signInCodesPerAddress.limit);
    expect(rateLimits({ ...{ enabled: false, intakeCitizen: 1, intakeStaff: 2, intakeIntegration: 3, uploadFiles: 4, uploadMb: 11, publicPerMinute: 5, signInCodesPerHour: 6, signInTriesPerHour: 7 } }).uploadFiles.staff.limit).toBe(40);
  });
});
