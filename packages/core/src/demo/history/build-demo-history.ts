/**
 * Builds the demo order history (演示历史工单): about 3,360 orders a day for `days` days ending at endAt,
 * each walked through the real state machine (see order-flows.ts), written in batches of ~800 orders per
 * transaction after the server is up. Day by day, oldest first; each day is generated from (seed, day)
 * alone, so a restart regenerates the day it stopped in and skips what the progress row says is stored.
 */
import type { Db } from '@liandong/db';
import { planDayBatches } from './generate-day.ts';
import { loadHistoryContext } from './history-context.ts';
import { DEMO_HISTORY_KEY } from '../load-demo.ts';
import { batchStored, demoHistoryStatus, lockHistoryStatus, saveHistoryStatus, type DemoHistoryStatus } from './history-progress.ts';
import { ORDERS_PER_DAY } from './plan-mix.ts';
import { buildPools } from './plan-pools.ts';
import { dayCount, planTools } from './plan-orders.ts';
import { frequentCallers } from './texts-places.ts';
import { writeBatch } from './write-batch.ts';

export const DEFAULT_HISTORY_SEED = 20_240_509;
const DAY_MS = 86_400_000;
const BATCH_SIZE = 800;

export interface BuildDemoHistoryOptions {
  days: number;
  /** Default: where an interrupted build was heading, else now. */
  endAt?: Date;
  seed?: number;
  /** Default 3,360 (Wujiang's daily figure); tests use fewer. */
  ordersPerDay?: number;
  /** Orders per transaction (default 800). */
  batchSize?: number;
  onProgress?(done: number, total: number): void;
}

export interface BuildDemoHistoryResult {
  /** Orders and events written by this call (a resumed build counts only what it added). */
  orders: number;
  events: number;
  ms: number;
}

/** The 24-hour windows ending at endAt, oldest first. */
export function historyDays(endAt: Date, days: number): Date[] {
  return Array.from({ length: days }, (_, i) => new Date(endAt.getTime() - (days - i) * DAY_MS));
}

interface Series {
  seed: number;
  ordersPerDay: number;
  batchSize: number;
  endAt: Date;
  days: number;
}

/** The series to build: what the caller asks, completed by what an earlier (interrupted) build was doing. */
function settle(opts: BuildDemoHistoryOptions, prev: DemoHistoryStatus | null): Series {
  if (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > 366) throw new RangeError('days must be an integer from 1 to 366');
  return {
    seed: opts.seed ?? prev?.seed ?? DEFAULT_HISTORY_SEED,
    ordersPerDay: opts.ordersPerDay ?? prev?.ordersPerDay ?? ORDERS_PER_DAY,
    batchSize: opts.batchSize ?? prev?.batchSize ?? BATCH_SIZE,
    endAt: opts.endAt ?? (prev ? new Date(prev.endAt) : new Date()),
    days: Math.max(opts.days, prev?.days ?? 0),
  };
}

/** Days of another series would overlap the stored ones in time: a second history on top of the first. */
function assertSameSeries(s: DemoHistoryStatus, x: Series): void {
  if (s.endAt === x.endAt.toISOString() && s.seed === x.seed && s.ordersPerDay === x.ordersPerDay && s.batchSize === x.batchSize) return;
  throw new Error(
    `demo history: already built for endAt ${s.endAt}, seed ${s.seed}, ${s.ordersPerDay}/day in batches of ${s.batchSize}; reset the demo data (liandong demo) to build another`,
  );
}

export async function buildDemoHistory(db: Db, opts: BuildDemoHistoryOptions): Promise<BuildDemoHistoryResult> {
  const t0 = performance.now();
  const prev = await demoHistoryStatus(db);
  const series = settle(opts, prev);
  const { seed, ordersPerDay, batchSize, endAt } = series;
  if (prev) assertSameSeries(prev, series);
  const starts = historyDays(endAt, series.days);
  if (prev?.state === 'done' && starts.every((d) => prev.completedDays.includes(d.toISOString()))) {
    opts.onProgress?.(prev.done, prev.total);
    return { orders: 0, events: 0, ms: Math.round(performance.now() - t0) };
  }
  const ctx = await loadHistoryContext(db);
  const tools = planTools(ctx, buildPools(ctx.catalogue), frequentCallers(seed));
  const total = starts.reduce((s, d) => s + dayCount(ctx, seed, d, ordersPerDay), 0);
  // Under the row lock: another process may be building the same series; its progress is kept, never reset.
  let done = await db.transaction(async (tx) => {
    const now = new Date().toISOString();
    const fresh: DemoHistoryStatus = {
      state: 'building',
      days: series.days,
      done: 0,
      total,
      startedAt: now,
      finishedAt: null,
      endAt: endAt.toISOString(),
      seed,
      ordersPerDay,
      batchSize,
      completedDays: [],
      current: null,
      orders: 0,
      events: 0,
    };
    await tx.query('insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do nothing', [DEMO_HISTORY_KEY, JSON.stringify(fresh)]);
    const cur = (await lockHistoryStatus(tx))!;
    assertSameSeries(cur, series);
    const startedAt = cur.state === 'building' ? cur.startedAt : now;
    await saveHistoryStatus(tx, { ...cur, state: 'building', days: Math.max(cur.days, series.days), total, startedAt, finishedAt: null });
    return cur.done;
  });
  let written = { orders: 0, events: 0 };
  opts.onProgress?.(done, total);
  for (const start of starts) {
    const day = start.toISOString();
    if ((await demoHistoryStatus(db))?.completedDays.includes(day)) continue;
    // One batch in memory at a time: generated, written, let go.
    const g = planDayBatches(tools, { seed, start, endAt, perDay: ordersPerDay, batchSize });
    for (let b = 0; b < g.batches.length; b++) {
      // Generated outside the transaction (the server keeps answering meanwhile), unless it is stored already.
      const stored = await demoHistoryStatus(db);
      const orders = stored && batchStored(stored, day, b) ? null : g.generate(b);
      const w = !orders ? null : await db.transaction(async (tx) => {
        const s = await lockHistoryStatus(tx);
        if (!s) throw new Error('demo history: the progress row vanished (was the demo data reset meanwhile?)');
        if (batchStored(s, day, b)) return null;
        const r = await writeBatch(tx, orders, ctx.calendar);
        const last = b === g.batches.length - 1;
        s.current = last ? null : { day, batches: b + 1 };
        if (last) s.completedDays.push(day);
        s.done += r.orders;
        s.orders += r.orders;
        s.events += r.events;
        await saveHistoryStatus(tx, s);
        done = s.done;
        return r;
      });
      if (w) written = { orders: written.orders + w.orders, events: written.events + w.events };
      opts.onProgress?.(done, total);
      // Let the server answer requests between batches: the history is built while it serves.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  await db.transaction(async (tx) => {
    const s = await lockHistoryStatus(tx);
    if (!s) return;
    await saveHistoryStatus(tx, { ...s, state: 'done', finishedAt: new Date().toISOString() });
  });
  return { ...written, ms: Math.round(performance.now() - t0) };
}
