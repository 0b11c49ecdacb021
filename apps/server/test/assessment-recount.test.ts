/**
 * 考核 on the demo history, recounted: every indicator of every department and centre and of every town, as the
 * API answers it, equals a count made again from the orders and their timelines alone (indicator-recount.ts, which
 * reads the steps' runs back from the states each order passed through) — figure by figure, and the orders behind
 * the figures one by one. The runs the platform stored are first shown to be exactly those the timelines tell.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, OrderPage } from '@liandong/contracts';
import { buildDemoHistory } from '@liandong/core/demo/history/index.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { figuresOf, readTimelines, recount, type Recount } from './indicator-recount.ts';
import { runsFromTimeline } from './timeline-runs.ts';

/** A Wednesday, 14:30 in China; the history is the three days before and this morning. */
const END = new Date('2026-11-18T06:30:00Z');
const cstDay = (iso: string) => new Date(`${iso}T00:00:00+08:00`);
const PERIODS = [
  { query: 'period=custom&from=2026-11-15&to=2026-11-18', from: cstDay('2026-11-15'), to: cstDay('2026-11-19') },
  // One day in the middle: runs started before it, done in it, or still open after it.
  { query: 'period=day&date=2026-11-16', from: cstDay('2026-11-16'), to: cstDay('2026-11-17') },
];

let s: TestServer;
let data: Awaited<ReturnType<typeof readTimelines>>;

beforeAll(async () => {
  s = await startTestServer({ clock: () => END });
  await buildDemoHistory(s.testDb.db, { days: 3, endAt: END, seed: 5, ordersPerDay: 240, batchSize: 120 });
  data = await readTimelines(s.testDb.db);
}, 300_000);
afterAll(() => s?.close());

async function get<T>(path: string): Promise<T> {
  const r = await (await s.as('leader')).request<T>('GET', path);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body as T;
}

/** subject → code → [numerator, denominator] as the API shows them (zeros left out, as the recount has none). */
function apiFigures(a: Assessment): Map<string, Map<string, [number, number]>> {
  return new Map(
    a.rows
      .map((row) => [row.subject.id, new Map(row.figures.filter((f) => f.denominator > 0 || f.numerator > 0).map((f) => [f.code, [f.numerator, f.denominator] as [number, number]]))] as const)
      .filter(([, m]) => m.size > 0),
  );
}
const plain = (m: Map<string, Map<string, [number, number]>>) => Object.fromEntries([...m].map(([k, v]) => [k, Object.fromEntries([...v].sort())]).sort());

async function drillIds(subject: string, id: string, code: string, query: string, part: 'numerator' | 'denominator'): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const p = await get<OrderPage>(`/api/v1/assessment/${subject}/${id}/indicators/${code}/orders?${query}&part=${part}&page=${page}&pageSize=200`);
    ids.push(...p.items.map((o) => o.id));
    if (ids.length >= p.total || p.items.length === 0) break;
  }
  return ids.sort((a, b) => a - b);
}
const orderIds = (r: Recount, code: string, subject: string, hitOnly: boolean) =>
  [...new Set(r.get(code)!.filter((i) => i.subject === subject && (!hitOnly || i.hit)).map((i) => i.orderId))].sort((a, b) => a - b);

describe('the demo history, recounted', () => {
  it('stored exactly the runs its timelines tell: each step, whose, started, done or withdrawn, when', async () => {
    const stored = (
      await s.testDb.db.query<{ order_id: number; step: string; unit_id: number | null; grid_code: string | null; started_at: Date; done_at: Date | null; withdrawn_at: Date | null }>(
        'select order_id::int as order_id, step, unit_id, grid_code, started_at, done_at, withdrawn_at from order_step_runs',
      )
    ).rows.map((r) => `${r.order_id} ${r.step} ${r.unit_id} ${r.grid_code} ${r.started_at.getTime()} ${r.done_at ? 'done' : r.withdrawn_at ? 'withdrawn' : null} ${(r.done_at ?? r.withdrawn_at)?.getTime() ?? null}`);
    const told = runsFromTimeline(data.events).map((r) => `${r.orderId} ${r.step} ${r.unitId} ${r.gridCode} ${r.startedAt} ${r.end} ${r.endedAt}`);
    expect(told.length).toBeGreaterThan(2 * data.orders.length);
    expect(new Set(told).size).toBe(told.length);
    expect([...stored].sort()).toEqual([...told].sort());
    // The history has the twists the figures are about.
    const steps = new Set(runsFromTimeline(data.events).filter((r) => r.end === 'withdrawn').map((r) => r.step));
    expect([...steps]).toEqual(expect.arrayContaining(['dispatch', 'sign', 'handle']));
  });

  for (const p of PERIODS) {
    it(`counts every unit's figures as the timelines do (${p.query})`, async () => {
      const again = recount(data, p.from, p.to, END);
      const api = apiFigures(await get<Assessment>(`/api/v1/assessment/units?${p.query}`));
      expect(plain(api)).toEqual(plain(figuresOf(again.units)));
      // Not a count of nothing: the departments signed, handled, returned, were supervised and rated.
      for (const code of ['sign_rate', 'completion_on_time_rate', 'return_rate', 'supervisions', 'satisfaction_rate']) expect(again.units.get(code)?.length ?? 0, code).toBeGreaterThan(0);
    });

    it(`counts every town's figures as the timelines do (${p.query})`, async () => {
      const again = recount(data, p.from, p.to, END);
      const api = apiFigures(await get<Assessment>(`/api/v1/assessment/towns?${p.query}`));
      expect(plain(api)).toEqual(plain(figuresOf(again.towns)));
      expect(again.towns.get('received')!.length).toBeGreaterThan(100);
    });
  }

  it('opens, for each figure, the very orders the recount counted above and below the line', async () => {
    const p = PERIODS[0]!;
    const again = recount(data, p.from, p.to, END);
    let compared = 0;
    for (const [kind, counted] of [['units', again.units], ['towns', again.towns]] as const) {
      for (const [code, items] of counted) {
        // The subject with the most orders behind this figure.
        const sizes = new Map<string, number>();
        for (const i of items) sizes.set(i.subject, (sizes.get(i.subject) ?? 0) + 1);
        const [subject] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
        expect(await drillIds(kind, subject, code, p.query, 'denominator'), `${kind} ${subject} ${code}`).toEqual(orderIds(counted, code, subject, false));
        expect(await drillIds(kind, subject, code, p.query, 'numerator'), `${kind} ${subject} ${code} numerator`).toEqual(orderIds(counted, code, subject, true));
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(18);
  }, 120_000);
});
