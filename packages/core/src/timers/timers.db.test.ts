import type { Queryable } from '@liandong/db';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cancelTimers, runDueTimers, scheduleTimer, timerStats, type TimerHandlers, type TimerRow } from './index.ts';

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const run = (handlers: TimerHandlers, now: Date, extra: { batchSize?: number; retry?: { baseMs: number; maxMs: number; maxAttempts: number } } = {}) =>
  runDueTimers(t.db, handlers, { now: () => now, ...extra });

async function effect(tx: Queryable, timer: TimerRow): Promise<void> {
  await tx.query('insert into timer_effects (timer_id, note) values ($1, $2)', [timer.id, (timer.payload.note as string) ?? null]);
}

async function effects(): Promise<{ timer_id: number; note: string | null }[]> {
  return (await t.db.query<{ timer_id: number; note: string | null }>('select timer_id, note from timer_effects order by seq')).rows;
}

async function timer(id: number): Promise<TimerRow> {
  return (await t.db.query<TimerRow>('select * from timers where id = $1', [id])).rows[0]!;
}

async function newOrder(): Promise<number> {
  const r = await t.db.query<{ id: number }>(
    `insert into orders (code, state, channel, nature, description, lng, lat, level)
     values ('T' || (select coalesce(max(id), 0) + 1 from orders), 'handling', 'hotline', 'complaint', '测试工单', 120.64, 31.16, 'district') returning id`,
  );
  return r.rows[0]!.id;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDb();
  await t.db.exec('create table timer_effects (seq serial primary key, timer_id bigint not null, note text)');
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  await t.db.exec('delete from timer_effects; delete from timers');
});

describe('durable timers', () => {
  it('fires each due timer exactly once and leaves the future ones', async () => {
    const a = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(-10) });
    const b = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(0) });
    const c = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(60) });
    expect(await run({ effect }, T0)).toEqual({ fired: 2, failed: 0 });
    expect(await run({ effect }, T0)).toEqual({ fired: 0, failed: 0 });
    expect((await timer(a.id)).fired_at).toEqual(T0);
    expect((await timer(c.id)).fired_at).toBeNull();
    expect(await run({ effect }, at(60))).toEqual({ fired: 1, failed: 0 });
    expect((await effects()).map((e) => e.timer_id)).toEqual([a.id, b.id, c.id]);
  });

  it('commits a timer with the state change that scheduled it, or not at all', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await scheduleTimer(tx, { kind: 'effect', dueAt: at(0), dedupeKey: 'rolled-back' });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('state change');
    expect((await t.db.query('select 1 from timers')).rowCount).toBe(0);
  });

  it('rolls back a failing handler, counts the attempt and retries it later with backoff', async () => {
    const flaky = async (tx: Queryable, tm: TimerRow) => {
      await effect(tx, tm);
      if (tm.attempts < 2) throw new Error('not yet');
    };
    const { id } = await scheduleTimer(t.db, { kind: 'flaky', dueAt: at(0) });
    expect(await run({ flaky }, T0)).toEqual({ fired: 0, failed: 1 });
    expect(await effects()).toEqual([]);
    expect(await timer(id)).toMatchObject({ attempts: 1, last_error: 'Error: not yet', fired_at: null, due_at: at(30) });
    expect(await run({ flaky }, at(29))).toEqual({ fired: 0, failed: 0 });
    expect(await run({ flaky }, at(30))).toEqual({ fired: 0, failed: 1 });
    expect(await timer(id)).toMatchObject({ attempts: 2, due_at: at(90) });
    expect(await run({ flaky }, at(90))).toEqual({ fired: 1, failed: 0 });
    expect(await timer(id)).toMatchObject({ attempts: 2, last_error: null, fired_at: at(90) });
    expect(await effects()).toHaveLength(1);
  });

  it('keeps firing the rest of the batch after a handler whose SQL failed, and treats an unknown kind as an error', async () => {
    const divide = async (tx: Queryable, tm: TimerRow) => {
      await effect(tx, tm);
      await tx.query('select 1 / 0'); // aborts the transaction on PostgreSQL: only the savepoint saves the batch
    };
    const first = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(-3), payload: { note: 'first' } });
    const bad = await scheduleTimer(t.db, { kind: 'divide', dueAt: at(-2) });
    const unknown = await scheduleTimer(t.db, { kind: 'nope', dueAt: at(-1) });
    const last = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(0), payload: { note: 'last' } });
    expect(await run({ effect, divide }, T0)).toEqual({ fired: 2, failed: 2 });
    expect(await effects()).toEqual([{ timer_id: first.id, note: 'first' }, { timer_id: last.id, note: 'last' }]);
    expect((await timer(bad.id)).last_error).toMatch(/division by zero/);
    expect((await timer(unknown.id)).last_error).toBe('Error: no handler for timer kind "nope"');
  });

  it('gives up after the last attempt: marked fired with its error, never run again', async () => {
    const always = async () => {
      throw new Error('broken for good');
    };
    const retry = { baseMs: 1000, maxMs: 1000, maxAttempts: 3 };
    const { id } = await scheduleTimer(t.db, { kind: 'always', dueAt: at(0) });
    for (const s of [0, 1, 2]) expect(await run({ always }, at(s), { retry })).toEqual({ fired: 0, failed: 1 });
    expect(await timer(id)).toMatchObject({ attempts: 3, fired_at: at(2), last_error: 'Error: broken for good' });
    expect(await run({ always }, at(3600), { retry })).toEqual({ fired: 0, failed: 0 });
    expect(await timerStats(t.db, at(3)).then((s) => s.gaveUpLastHour)).toBe(1);
  });

  it('catches up after downtime: every timer due in the past fires, in due order, across batches', async () => {
    const minutesAgo = Array.from({ length: 30 }, (_, i) => ((i * 17) % 30) + 1); // a shuffled 1..30
    for (const m of minutesAgo) await scheduleTimer(t.db, { kind: 'effect', dueAt: at(-60 * m), payload: { note: String(m) } });
    expect(await run({ effect }, T0, { batchSize: 4 })).toEqual({ fired: 30, failed: 0 });
    const order = (await effects()).map((e) => Number(e.note));
    expect(order).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
  });

  it('dedupes: the same key reschedules an unfired timer and leaves a fired one alone', async () => {
    const first = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(60), dedupeKey: 'order:1:handle:overdue', payload: { note: 'v1' } });
    expect(first.outcome).toBe('created');
    const again = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(120), dedupeKey: 'order:1:handle:overdue', payload: { note: 'v2' } });
    expect(again).toEqual({ id: first.id, outcome: 'rescheduled' });
    expect(await timer(first.id)).toMatchObject({ due_at: at(120), payload: { note: 'v2' } });
    expect(await run({ effect }, at(60))).toEqual({ fired: 0, failed: 0 });
    expect(await run({ effect }, at(120))).toEqual({ fired: 1, failed: 0 });
    const late = await scheduleTimer(t.db, { kind: 'effect', dueAt: at(600), dedupeKey: 'order:1:handle:overdue' });
    expect(late).toEqual({ id: first.id, outcome: 'already_fired' });
    expect((await timer(first.id)).due_at).toEqual(at(120));
    expect(await run({ effect }, at(600))).toEqual({ fired: 0, failed: 0 });
    expect(await effects()).toEqual([{ timer_id: first.id, note: 'v2' }]);
  });

  it('resets the failure count of a rescheduled timer', async () => {
    const always = async () => {
      throw new Error('down');
    };
    const { id } = await scheduleTimer(t.db, { kind: 'always', dueAt: at(0), dedupeKey: 'k' });
    await run({ always }, T0);
    expect((await timer(id)).attempts).toBe(1);
    await scheduleTimer(t.db, { kind: 'always', dueAt: at(300), dedupeKey: 'k' });
    expect(await timer(id)).toMatchObject({ attempts: 0, last_error: null, due_at: at(300) });
  });

  it("cancels an order's unfired timers by kind, by key prefix or all, never fired ones or other orders'", async () => {
    const [a, b] = [await newOrder(), await newOrder()];
    const fired = await scheduleTimer(t.db, { kind: 'warn', orderId: a, dueAt: at(-1), dedupeKey: `order:${a}:sign:warn` });
    await scheduleTimer(t.db, { kind: 'warn', orderId: a, dueAt: at(60), dedupeKey: `order:${a}:handle:warn` });
    await scheduleTimer(t.db, { kind: 'overdue', orderId: a, dueAt: at(90), dedupeKey: `order:${a}:handle:overdue` });
    await scheduleTimer(t.db, { kind: 'overdue', orderId: a, dueAt: at(90), dedupeKey: `order:${a}:sign:overdue` });
    await scheduleTimer(t.db, { kind: 'warn', orderId: b, dueAt: at(60), dedupeKey: `order:${b}:handle:warn` });
    await run({ warn: effect }, T0);
    expect(await cancelTimers(t.db, { orderId: a, dedupePrefix: `order:${a}:handle:` })).toBe(2);
    expect(await cancelTimers(t.db, { orderId: a, kinds: ['warn'] })).toBe(0);
    expect(await cancelTimers(t.db, { orderId: a })).toBe(1);
    const left = await t.db.query<{ id: number; order_id: number }>('select id, order_id from timers order by id');
    expect(left.rows).toEqual([{ id: fired.id, order_id: a }, expect.objectContaining({ order_id: b })]);
  });

  it('reports due, oldest due and fired in the last hour', async () => {
    await scheduleTimer(t.db, { kind: 'effect', dueAt: at(-60) });
    await scheduleTimer(t.db, { kind: 'effect', dueAt: at(-30) });
    await scheduleTimer(t.db, { kind: 'effect', dueAt: at(600) });
    expect(await timerStats(t.db, T0)).toEqual({ due: 2, oldestDueAt: at(-60), firedLastHour: 0, gaveUpLastHour: 0 });
    await run({ effect }, T0);
    expect(await timerStats(t.db, at(1))).toEqual({ due: 0, oldestDueAt: null, firedLastHour: 2, gaveUpLastHour: 0 });
    expect((await timerStats(t.db, at(3601))).firedLastHour).toBe(0);
  });
});
