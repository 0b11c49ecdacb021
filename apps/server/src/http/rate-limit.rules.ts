/**
 * Rate limits (限流), pure rules: who is counted in which tier, the default windows and numbers, and one
 * fixed-window counter step. Intake (POST /api/v1/orders) and uploads are counted per account, the public
 * routes (callback links, the portal, its SMS sign-in) per client address. The counters themselves live in memory per process
 * (rate-limiter.ts): with several processes, each allows its own share.
 */

export type RateTier = 'citizen' | 'staff' | 'integration';

export interface RateWindow {
  /** Units (requests or bytes) allowed per window. */
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Off: nothing is counted (benchmarks). */
  enabled: boolean;
  intake: Record<RateTier, RateWindow>;
  uploadFiles: Record<RateTier, RateWindow>;
  uploadBytes: Record<RateTier, RateWindow>;
  publicPerAddress: RateWindow;
  /** The citizen portal's sign-in per client address: codes asked for, and codes tried (phones are counted in core). */
  signInCodesPerAddress: RateWindow;
  signInTriesPerAddress: RateWindow;
}

const MINUTE = 60_000;
const MB = 1024 * 1024;

/** The settings an operator gives (README: LIANDONG_RATE_*); staff and integration accounts get multiples. */
export interface RateSettings {
  enabled: boolean;
  /** Orders per minute per citizen account; staff ×60, integration accounts ×600. */
  intakeCitizen: number;
  intakeStaff: number;
  intakeIntegration: number;
  /** Files and megabytes per 10 minutes per account (citizens); staff and integration ×10. */
  uploadFiles: number;
  uploadMb: number;
  /** Requests per minute per client address on the public routes. */
  publicPerMinute: number;
  /** SMS sign-in codes asked for, and sign-ins tried, per hour per client address (a carrier's NAT puts many citizens behind one). */
  signInCodesPerHour: number;
  signInTriesPerHour: number;
}

export const DEFAULT_RATE_SETTINGS: RateSettings = {
  enabled: true,
  intakeCitizen: 10,
  intakeStaff: 600,
  intakeIntegration: 6000,
  uploadFiles: 60,
  uploadMb: 100,
  publicPerMinute: 60,
  signInCodesPerHour: 20,
  signInTriesPerHour: 60,
};

export function rateLimits(s: RateSettings = DEFAULT_RATE_SETTINGS): RateLimits {
  const tiers = (citizen: number, staff: number, integration: number, windowMs: number): Record<RateTier, RateWindow> => ({
    citizen: { limit: citizen, windowMs },
    staff: { limit: staff, windowMs },
    integration: { limit: integration, windowMs },
  });
  return {
    enabled: s.enabled,
    intake: tiers(s.intakeCitizen, s.intakeStaff, s.intakeIntegration, MINUTE),
    uploadFiles: tiers(s.uploadFiles, s.uploadFiles * 10, s.uploadFiles * 10, 10 * MINUTE),
    uploadBytes: tiers(s.uploadMb * MB, s.uploadMb * 10 * MB, s.uploadMb * 10 * MB, 10 * MINUTE),
    publicPerAddress: { limit: s.publicPerMinute, windowMs: MINUTE },
    signInCodesPerAddress: { limit: s.signInCodesPerHour, windowMs: 60 * MINUTE },
    signInTriesPerAddress: { limit: s.signInTriesPerHour, windowMs: 60 * MINUTE },
  };
}

export const DEFAULT_RATE_LIMITS = rateLimits();

/** An account with the integration role is an integration; one that is only a citizen is a citizen; else staff. */
export function rateTier(roles: ReadonlySet<string>): RateTier {
  if (roles.has('integration')) return 'integration';
  if (roles.size === 0 || [...roles].every((r) => r === 'citizen')) return 'citizen';
  return 'staff';
}

export interface RateBucket {
  windowStart: number;
  used: number;
}

export interface RateDecision {
  allowed: boolean;
  bucket: RateBucket;
  /** Whole seconds until the window opens again (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * One step of a fixed-window counter: `cost` units are taken when they fit in what is left of the window;
 * a refused request takes nothing. A cost larger than the whole limit is refused until the next window,
 * so the caller keeps a byte limit above the largest single upload.
 */
export function takeFromWindow(bucket: RateBucket | undefined, cost: number, w: RateWindow, now: number): RateDecision {
  const current = bucket && now - bucket.windowStart < w.windowMs && now >= bucket.windowStart ? bucket : { windowStart: now, used: 0 };
  if (current.used + cost <= w.limit) {
    return { allowed: true, bucket: { windowStart: current.windowStart, used: current.used + cost }, retryAfterSeconds: 0 };
  }
  const left = current.windowStart + w.windowMs - now;
  return { allowed: false, bucket: current, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
}

/** Whether a bucket's window is over (it may be forgotten). */
export function isExpired(bucket: RateBucket, w: RateWindow, now: number): boolean {
  return now - bucket.windowStart >= w.windowMs;
}
