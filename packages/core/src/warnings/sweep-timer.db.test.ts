/**
 * The early-warning job on durable timers: one run per 15-minute slot however many sweepers poll (two sweepers at
 * once here, on one database), the next slot scheduled by the run itself, a slot missed during downtime caught up
 * once, and the run's warnings committed with its timer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { MINIMAL_SEED } from '../../test/seeds.ts';
import { loadWorkingCalendar } from '../calendar/index.ts';
import { runDueTimers } from '../timers/index.ts';
import { ensureWarningSweep, slotOf, warningTimerHandlers, WARNING_SWEEP } from './sweep-timer.ts';

let t: TestDatabase;
const T0 = new Date('2026-11-20T06:07:00Z');
const handlers = () => warningTimerHandlers((q) => loadWorkingCalendar(q));
const sweepTimers = async () =>
  (await t.db.query<{ dedupe_key: string; fired_at: Date | null }>(`select dedupe_key, fired_at from timers where kind = $1 order by due_at`, [WARNING_SWEEP])).rows;

beforeAll(async () => {
  t = await createTestDb(MINIMAL_SEED);
});
afterAll(() => t?.close());
beforeEach(async () => {
  await t.db.exec(`delete from timers; delete from settings where key = 'warnings.last_run'`);
});

describe('the early-warning job', () => {
  it('runs once per slot with two sweepers polling together, and schedules the next slot', async () => {
    expect(slotOf(T0)).toEqual(new Date('2026-11-20T06:00:00Z'));
    expect((await ensureWarningSweep(t.db, T0)).outcome).toBe('created');
    expect((await ensureWarningSweep(t.db, T0)).outcome).toBe('rescheduled');
    const [a, b] = await Promise.all([runDueTimers(t.db, handlers(), { now: () => T0 }), runDueTimers(t.db, handlers(), { now: () => T0 })]);
    expect(a.fired + b.fired).toBe(1);
    expect(a.failed + b.failed).toBe(0);
    expect(await sweepTimers()).toEqual([
      { dedupe_key: 'warnings:sweep:2026-11-20T06:00:00.000Z', fired_at: T0 },
      { dedupe_key: 'warnings:sweep:2026-11-20T06:15:00.000Z', fired_at: null },
    ]);
    const last = await t.db.query<{ value: { at: string } }>(`select value from settings where key = 'warnings.last_run'`);
    expect(last.rows[0]!.value.at).toBe(T0.toISOString());
    // A process starting later in the same slot finds it fired: nothing runs again.
    expect((await ensureWarningSweep(t.db, new Date(T0.getTime() + 60_000))).outcome).toBe('already_fired');
    expect((await runDueTimers(t.db, handlers(), { now: () => new Date(T0.getTime() + 60_000) })).fired).toBe(0);
  });

  it('catches up once after downtime and goes on from then', async () => {
    await ensureWarningSweep(t.db, T0);
    const later = new Date(T0.getTime() + 5 * 3_600_000);
    expect((await runDueTimers(t.db, handlers(), { now: () => later })).fired).toBe(1);
    const rows = await sweepTimers();
    expect(rows.map((r) => r.dedupe_key)).toEqual(['warnings:sweep:2026-11-20T06:00:00.000Z', 'warnings:sweep:2026-11-20T11:15:00.000Z']);
  });
});
