/**
 * The shape of a full-scale 7-day history (about 23,500 orders), generated in memory from the loaded demo
 * district without writing it: the seeds' figures and the twists of real work must show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SEED } from '../../../test/seeds.ts';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { FINAL_STATES } from '../../orders/lifecycle.rules.ts';
import { historyDays } from './build-demo-history.ts';
import { generateDay } from './generate-day.ts';
import { loadHistoryContext } from './history-context.ts';
import type { SimOrder } from './history.types.ts';
import { buildPools } from './plan-pools.ts';
import { planTools } from './plan-orders.ts';
import { frequentCallers } from './texts-places.ts';

const DEMO = DEMO_SEED;
const END = new Date('2026-03-18T06:30:00Z');
const DAY = 86_400_000;

let t: TestDatabase;
let all: SimOrder[];
const share = (xs: SimOrder[], p: (o: SimOrder) => boolean) => xs.filter(p).length / xs.length;
const did = (o: SimOrder, action: string) => o.events.some((e) => e.action === action);

beforeAll(async () => {
  t = await createTestDb(DEMO);
  const ctx = await loadHistoryContext(t.db);
  const tools = planTools(ctx, buildPools(ctx.catalogue), frequentCallers(3));
  all = historyDays(END, 7).flatMap((start) => generateDay(tools, { seed: 3, start, endAt: END, perDay: 3360, batchSize: 800 }).orders);
}, 120_000);
afterAll(() => t?.close());

describe('a 7-day demo history at full scale', () => {
  it('has about 3,360 orders a day, mostly by hotline and grid patrol', () => {
    expect(all.length / 7).toBeGreaterThan(3360 * 0.95);
    expect(all.length / 7).toBeLessThan(3360 * 1.05);
    expect(share(all, (o) => o.row.channel === 'hotline')).toBeCloseTo(0.45, 1);
    expect(share(all, (o) => o.row.channel === 'grid_patrol')).toBeCloseTo(0.3, 1);
    expect(share(all, (o) => ['app', 'web', 'wechat'].includes(o.row.channel))).toBeCloseTo(0.2, 1);
    expect(share(all, (o) => o.row.channel === 'video')).toBeGreaterThan(0.015);
    expect(share(all, (o) => o.row.nature === 'praise')).toBeLessThan(0.03);
  });

  it('solves ~70% in the grid and village, ~20% at upper levels, under 10% by enforcement', () => {
    // Matters handled: consultations answered on the call (直接办结) are not in the split.
    const closed = all.filter((o) => o.row.state === 'closed' && !o.events.some((e) => e.action === 'answer'));
    const by = (...levels: string[]) => share(closed, (o) => levels.includes(o.row.solved_level ?? ''));
    expect(by('grid', 'village')).toBeGreaterThan(0.65);
    expect(by('grid', 'village')).toBeLessThan(0.75);
    expect(by('town', 'district')).toBeGreaterThan(0.15);
    expect(by('town', 'district')).toBeLessThan(0.25);
    expect(by('enforcement')).toBeGreaterThan(0.04);
    expect(by('enforcement')).toBeLessThan(0.1);
  });

  it('answers most consultations on the call (直接办结), never anything else', () => {
    const answered = all.filter((o) => o.events.some((e) => e.action === 'answer'));
    const consultations = all.filter((o) => o.row.nature === 'consultation' && o.mergedInto === null);
    expect(answered.every((o) => o.row.nature === 'consultation' && o.row.state === 'closed')).toBe(true);
    expect(answered.length / consultations.length).toBeGreaterThan(0.6);
  });

  it('closes ~99% of the orders whose handling deadline is well past', () => {
    const old = all.filter((o) => {
      const h = o.deadlines.get('handle');
      return h !== undefined && h.dueAt.getTime() + 4 * DAY < END.getTime();
    });
    expect(old.length).toBeGreaterThan(1000);
    expect(share(old, (o) => FINAL_STATES.includes(o.row.state))).toBeGreaterThan(0.985);
  });

  it('leaves the last two days in every live state, with a few suspended and a few waiting for approval', () => {
    const recent = all.filter((o) => o.row.created_at.getTime() > END.getTime() - 2 * DAY);
    const states = new Set(recent.map((o) => o.row.state));
    for (const s of ['pending_accept', 'pending_dispatch', 'pending_sign', 'handling', 'pending_check', 'pending_callback', 'pending_close', 'suspended']) {
      expect(states, s).toContain(s);
    }
    expect(recent.filter((o) => o.row.pending_request?.kind === 'extension').length).toBeGreaterThan(0);
    expect(recent.filter((o) => o.row.state === 'suspended').length).toBeLessThan(recent.length * 0.01);
  });

  it('has the twists of real work at plausible rates', () => {
    const handled = all.filter((o) => o.events.some((e) => e.action === 'dispatch' && e.to === 'pending_sign'));
    const patrol = all.filter((o) => o.row.channel === 'grid_patrol');
    expect(share(all, (o) => o.row.state === 'rejected')).toBeCloseTo(0.02, 2);
    expect(share(all, (o) => o.row.state === 'merged')).toBeGreaterThan(0.005);
    expect(share(all, (o) => o.row.state === 'merged')).toBeLessThan(0.015);
    expect(share(all, (o) => o.row.state === 'voided')).toBeLessThan(0.005);
    expect(share(handled, (o) => o.row.return_count > 0)).toBeCloseTo(0.03, 2);
    expect(share(handled, (o) => o.row.rework_count > 0)).toBeCloseTo(0.02, 2);
    expect(share(handled, (o) => did(o, 'request-extension'))).toBeCloseTo(0.02, 2);
    expect(share(patrol, (o) => o.row.escalation_count > 0)).toBeCloseTo(0.05, 2);
    expect(share(patrol, (o) => o.row.self_handled)).toBeGreaterThan(0.5);
    expect(all.filter((o) => o.row.reopen_count > 0).length).toBeGreaterThan(20);
  });

  it('raises supervisions where the clock would have: many reminders, fewer tasks, each answered and accepted in time', () => {
    const sups = all.flatMap((o) => (o.supervisions ?? []).map((s) => ({ o, s })));
    const at = (level: number) => sups.filter((x) => x.s.level === level).length;
    expect(at(1)).toBeGreaterThan(at(2));
    expect(at(2)).toBeGreaterThan(at(4));
    expect(at(4)).toBeGreaterThan(0);
    expect(at(5)).toBe(0); // the special report is a generated document: never in the history
    expect(share(all, (o) => (o.supervisions?.length ?? 0) > 0)).toBeLessThan(0.35);
    const oldTasks = sups.filter((x) => x.s.taskDueAt && x.s.taskDueAt.getTime() < END.getTime() - DAY);
    expect(oldTasks.length).toBeGreaterThan(100);
    expect(oldTasks.every((x) => x.s.status === 'closed' && x.s.repliedAt! <= x.s.taskDueAt!)).toBe(true);
    for (const { o, s } of sups) {
      const e = o.events.find((x) => x.action === 'supervise' && x.at.getTime() === s.raisedAt.getTime());
      expect(e && e.from === e.to && e.data.level === s.level).toBe(true);
    }
  });

  it('hears mostly satisfied citizens on callback, ~3% dissatisfied', () => {
    const callbacks = all.flatMap((o) => o.events.filter((e) => e.action === 'callback'));
    const sat = callbacks.map((e) => String(e.resolveData?.({ idOf: () => 0, codeOf: () => '' }).satisfaction));
    expect(sat.filter((s) => s === 'very_satisfied' || s === 'satisfied').length / sat.length).toBeGreaterThan(0.85);
    const unhappy = sat.filter((s) => s.endsWith('dissatisfied')).length / sat.length;
    expect(unhappy).toBeGreaterThan(0.015);
    expect(unhappy).toBeLessThan(0.05);
  });
});
