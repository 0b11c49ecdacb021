/**
 * 上传巡查轨迹: a batch of a grid worker's patrol positions, filtered (track-filter.rules.ts, continuing from the last
 * position kept before the batch) and stored with the basic grid each lies in. The batch's Idempotency-Key makes a
 * retry from the phone's outbox answer as before without storing anything twice.
 */
import type { Db, Queryable } from '@liandong/db';
import type { TrackBatch, TrackReceipt } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { invalidField } from '../shared/errors.ts';
import { toWgs84 } from '../territory/coordinates.ts';
import type { TerritoryMatch } from '../territory/types.ts';
import { filterTrack, type TrackPoint } from './track-filter.rules.ts';

export interface TrackContext {
  now: Date;
  territory: { lookup(lng: number, lat: number): Promise<TerritoryMatch> };
}

/** A position recorded more than this after the server's now is refused (a phone's clock a little ahead is not). */
const FUTURE_SLACK_MS = 5 * 60_000;

export async function recordTrack(db: Db, actor: Actor, key: string | undefined, batch: TrackBatch, ctx: TrackContext): Promise<TrackReceipt> {
  assertMay(actor, 'patrol.record');
  if (!key || key.length > 200) throw invalidField('idempotency-key', '缺少请求头 Idempotency-Key（不超过 200 个字符）', 'the Idempotency-Key header is required (up to 200 characters)');
  const points: TrackPoint[] = batch.points.map((p, i) => {
    const at = new Date(p.at);
    if (at.getTime() > ctx.now.getTime() + FUTURE_SLACK_MS) throw invalidField(`points[${i}].at`, '记录时间晚于当前时间', 'is later than now');
    const [lng, lat] = toWgs84(p.lng, p.lat, batch.crs ?? 'wgs84');
    return { lng, lat, accuracy: p.accuracy ?? null, at };
  });
  const before = await previousReceipt(db, actor.userId, key);
  if (before) return before;
  // Grids first, outside the transaction: the territory index may read the database (the embedded one has a
  // single connection, which the transaction would hold).
  const gridOf = new Map<TrackPoint, string | null>();
  for (const p of points) gridOf.set(p, (await ctx.territory.lookup(p.lng, p.lat)).basicGrid?.code ?? null);
  return db.transaction(async (tx) => {
    // Two sends of one batch at once: the second waits here, then finds the first's receipt.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`patrol:${actor.userId}:${key}`]);
    const again = await previousReceipt(tx, actor.userId, key);
    if (again) return again;
    const last = await lastKept(tx, actor.userId, points);
    const filtered = filterTrack(last ? [last, ...points] : points);
    const kept = last ? filtered.kept.filter((p) => p !== last) : filtered.kept;
    const grids = kept.map((p) => gridOf.get(p) ?? null);
    if (kept.length) {
      await tx.query(
        `insert into patrol_points (user_id, grid_code, lng, lat, accuracy, at, received_at)
         select $1, u.grid, u.lng, u.lat, u.accuracy, u.at, $7
           from unnest($2::text[], $3::float8[], $4::float8[], $5::real[], $6::timestamptz[]) as u (grid, lng, lat, accuracy, at)`,
        [actor.userId, grids, kept.map((p) => p.lng), kept.map((p) => p.lat), kept.map((p) => p.accuracy), kept.map((p) => p.at), ctx.now],
      );
    }
    const receipt: TrackReceipt = { received: points.length, kept: kept.length, vague: filtered.vague, jumps: filtered.jumps };
    await tx.query('insert into patrol_batches (user_id, key, received_at, result) values ($1, $2, $3, $4)', [actor.userId, key, ctx.now, JSON.stringify(receipt)]);
    return receipt;
  });
}

async function previousReceipt(q: Queryable, userId: number, key: string): Promise<TrackReceipt | null> {
  const r = await q.query<{ result: TrackReceipt }>('select result from patrol_batches where user_id = $1 and key = $2', [userId, key]);
  return r.rows[0]?.result ?? null;
}

/** The worker's last position kept before the batch's first: a jump at the batch's start is measured from it. */
async function lastKept(q: Queryable, userId: number, points: readonly TrackPoint[]): Promise<TrackPoint | null> {
  const first = Math.min(...points.map((p) => p.at.getTime()));
  const r = await q.query<{ lng: number; lat: number; accuracy: number | null; at: Date }>(
    'select lng, lat, accuracy, at from patrol_points where user_id = $1 and at < $2 order by at desc limit 1',
    [userId, new Date(first)],
  );
  return r.rows[0] ? { ...r.rows[0], at: new Date(r.rows[0].at) } : null;
}
