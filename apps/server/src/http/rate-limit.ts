/**
 * Rate limits on the HTTP API (issue 6, defect 12): intake and uploads per account, the public routes (and
 * Open311's) per client address; the citizen portal's reports and photos also as a citizen's intake and uploads
 * are counted, per address, and its SMS sign-in codes and tries (a phone's own limits are in the database:
 * core/portal/citizen-sign-in.ts). Counters are in memory per process (a restart forgets them; N processes allow N times the
 * numbers), which is enough to stop a flood; the rules and numbers are in rate-limit.rules.ts. A refusal is a
 * 429 with Retry-After and the usual error shape.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TooManyRequests } from '@liandong/core/shared/errors.ts';
import { isExpired, rateTier, takeFromWindow, type RateBucket, type RateLimits, type RateWindow } from './rate-limit.rules.ts';

const MAX_KEYS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { bucket: RateBucket; w: RateWindow }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes `cost` from the window of `key`, or throws 429 (the error handler sends Retry-After). */
  take(key: string, cost: number, w: RateWindow): void {
    const now = this.now();
    if (this.buckets.size > MAX_KEYS) this.prune(now);
    const d = takeFromWindow(this.buckets.get(key)?.bucket, cost, w, now);
    this.buckets.set(key, { bucket: d.bucket, w });
    if (!d.allowed) {
      throw new TooManyRequests(d.retryAfterSeconds, 'rate_limited', {
        zh: `请求过于频繁，请 ${d.retryAfterSeconds} 秒后再试`,
        en: `Too many requests; retry in ${d.retryAfterSeconds} s`,
      });
    }
  }

  private prune(now: number): void {
    for (const [k, v] of this.buckets) if (isExpired(v.bucket, v.w, now)) this.buckets.delete(k);
  }
}

/** Installs the limits; call after authentication (intake and uploads are counted per signed-in account). */
export function installRateLimits(app: FastifyInstance, limits: RateLimits, limiter = new RateLimiter()): void {
  if (!limits.enabled) return;
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/v1/public/')) {
      limiter.take(`public:${req.ip}`, 1, limits.publicPerAddress);
      // The citizen portal's writes, per address as a citizen's account would be counted (routes/portal.routes.ts).
      if (req.method === 'POST' && req.url.startsWith('/api/v1/public/photos')) {
        limiter.take(`public-upload:${req.ip}`, 1, limits.uploadFiles.citizen);
        limiter.take(`public-upload-bytes:${req.ip}`, Number(req.headers['content-length'] ?? 0) || 0, limits.uploadBytes.citizen);
      } else if (req.method === 'POST' && req.url.startsWith('/api/v1/public/reports')) {
        limiter.take(`public-intake:${req.ip}`, 1, limits.intake.citizen);
      } else if (req.method === 'POST' && req.url.startsWith('/api/v1/public/citizen/codes')) {
        // SMS codes cost money and reach a person: an address may not spray them over many numbers.
        limiter.take(`citizen-codes:${req.ip}`, 1, limits.signInCodesPerAddress);
      } else if (req.method === 'POST' && req.url.startsWith('/api/v1/public/citizen/session')) {
        limiter.take(`citizen-sign-in:${req.ip}`, 1, limits.signInTriesPerAddress);
      }
    }
    // Open311 (routes/open311.routes.ts): reading is public, counted per address; posting is an integration's
    // intake, counted per address before its api_key (in the form) is known.
    else if (req.url.startsWith('/open311/')) {
      if (req.method === 'POST') limiter.take(`open311-intake:${req.ip}`, 1, limits.intake.integration);
      else limiter.take(`public:${req.ip}`, 1, limits.publicPerAddress);
    }
  });
  app.addHook('preHandler', async (req: FastifyRequest) => {
    const actor = req.actor;
    if (!actor || req.method !== 'POST') return;
    const route = req.routeOptions.url;
    const tier = rateTier(actor.roles);
    if (route === '/api/v1/orders') {
      limiter.take(`intake:${actor.userId}`, 1, limits.intake[tier]);
    } else if (route === '/api/v1/files') {
      const bytes = Buffer.isBuffer(req.body) ? req.body.length : Number(req.headers['content-length'] ?? 0) || 0;
      limiter.take(`upload:${actor.userId}`, 1, limits.uploadFiles[tier]);
      limiter.take(`upload-bytes:${actor.userId}`, bytes, limits.uploadBytes[tier]);
    } else if (route === '/api/v1/uploads') {
      // A resumable upload (tus) counts when it is created, with the length it declares.
      limiter.take(`upload:${actor.userId}`, 1, limits.uploadFiles[tier]);
      limiter.take(`upload-bytes:${actor.userId}`, Number(req.headers['upload-length'] ?? 0) || 0, limits.uploadBytes[tier]);
    }
  });
}
