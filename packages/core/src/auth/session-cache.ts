/**
 * Resolved sessions kept in memory for a few seconds, so a busy client does not cost five queries per
 * request. A logout through this process drops its entry at once; a change made elsewhere (another
 * process, a disabled user, new roles) reaches this process within `ttlMs`. Integration API tokens
 * are not cached: revoking one takes effect immediately.
 */
import type { Actor } from '../org/actor.ts';

interface Entry {
  actor: Actor;
  cachedAt: number;
  expiresAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now: Date): Actor | null {
    const e = this.entries.get(tokenHash);
    if (!e) return null;
    if (performance.now() - e.cachedAt > this.ttlMs || now.getTime() >= e.expiresAt) {
      this.entries.delete(tokenHash);
      return null;
    }
    return e.actor;
  }

  set(tokenHash: string, actor: Actor, expiresAt: Date): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { actor, cachedAt: performance.now(), expiresAt: expiresAt.getTime() });
  }

  delete(tokenHash: string): void {
    this.entries.delete(tokenHash);
  }

  /** Drops every session of a user (disabled, password reset, roles or scope changed) at once in this process. */
  forgetUser(userId: number): void {
    for (const [key, e] of this.entries) if (e.actor.userId === userId) this.entries.delete(key);
  }
}
