/**
 * Auth housekeeping (清理): deletes expired sessions and login attempts older than the throttle window.
 * Safe to run in several processes at once (plain deletes).
 */
import type { Queryable } from '@liandong/db';
import { THROTTLE } from './throttle.rules.ts';

export interface PurgeResult {
  sessions: number;
  attempts: number;
}

export async function purgeExpiredAuth(q: Queryable, now: Date): Promise<PurgeResult> {
  const sessions = await q.query('delete from sessions where expires_at <= $1', [now]);
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const attempts = await q.query('delete from login_attempts where at < $1', [since]);
  return { sessions: sessions.rowCount, attempts: attempts.rowCount };
}
