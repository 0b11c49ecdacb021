/** The administrators' check and rebuild of the rollups, behind `statistics.check`. */
import type { Db } from '@liandong/db';
import type { StatsCheck } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { checkStats } from './check-stats.ts';
import { rebuildStats } from './rebuild-stats.ts';

export async function checkStatsAs(db: Db, actor: Actor, now: Date): Promise<StatsCheck> {
  assertMay(actor, 'statistics.check');
  return checkStats(db, now);
}

export async function rebuildStatsAs(db: Db, actor: Actor, now: Date) {
  assertMay(actor, 'statistics.check');
  return rebuildStats(db, now);
}
