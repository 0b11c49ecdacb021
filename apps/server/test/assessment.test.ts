/**
 * 考核 on hand-made timelines: each indicator of a unit counted from the runs of the steps' clocks and the
 * timeline — on time and late in working time (across the National Day holiday), a return, a failed check
 * (rework), a void, an extension, a suspension, callbacks — in a period of its own (late September 2026, before the
 * demo history), then the orders behind each figure, and who may see them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, AssessmentRow, FigureView } from '@liandong/contracts';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder, orderIn, step, userId, type Fixture } from './order-fixtures.ts';

/** China time, e.g. '2026-09-29 09:00'. */
const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
let now = cst('2026-09-28 09:00');
let s: TestServer;
const at = (t: string) => {
  now = cst(t);
  s.forgetSessions();
};

const PERIOD = 'period=custom&from=2026-09-28&to=2026-10-16';
let cgj = 0;
let mzj = 0;
const orders: Record<string, Fixture> = {};

/** An order of 06006 (sign within 1 working hour, handle within 1 working day) dispatched at `t` to `unit`. */
async function dispatched(t: string, unit = 'WJ-CGJ'): Promise<Fixture> {
  at(t);
  return orderIn(s, 'pending_sign', { dispatchTo: unit });
}

const dueOf = (f: Fixture, stepName: string) => new Date(f.order.deadlines.find((d: { step: string }) => d.step === stepName).dueAt);

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
  cgj = await unitId(s, 'WJ-CGJ');
  mzj = await unitId(s, 'WJ-MZJ');

  // 1. Dispatched the afternoon before the holiday: the hour to sign runs on into 8 October, signed then, on time.
  const holiday = await dispatched('2026-09-30 17:00');
  expect(dueOf(holiday, 'sign')).toEqual(cst('2026-10-08 09:00'));
  at('2026-10-08 08:50');
  await step(s, holiday, holiday.handler!, 'sign', {}, 'handling');
  at('2026-10-08 10:00');
  await step(s, holiday, holiday.handler!, 'feedback', { result: '已拆除条幅' }, 'pending_check');
  await step(s, holiday, holiday.gridWorker, 'check', { passed: true }, 'pending_callback');
  at('2026-10-08 11:00');
  await step(s, holiday, 'zx_operator', 'callback', { satisfaction: 'satisfied' }, 'pending_close');
  at('2026-10-08 11:10');
  await step(s, holiday, holiday.dispatcher, 'close', {}, 'closed');
  orders.holiday = holiday;

  // 2. Signed late, reported late; the check fails and it is handled again, in time; the citizen is dissatisfied.
  const rework = await dispatched('2026-09-29 09:00');
  at('2026-09-29 15:00');
  await step(s, rework, rework.handler!, 'sign', {}, 'handling');
  at('2026-09-30 10:00');
  await step(s, rework, rework.handler!, 'feedback', { result: '已处理' }, 'pending_check');
  at('2026-09-30 11:00');
  await step(s, rework, rework.gridWorker, 'check', { passed: false, note: '条幅仍在' }, 'handling');
  at('2026-09-30 14:00');
  await step(s, rework, rework.handler!, 'feedback', { result: '已彻底拆除' }, 'pending_check');
  await step(s, rework, rework.gridWorker, 'check', { passed: true }, 'pending_callback');
  await step(s, rework, 'zx_operator', 'callback', { satisfaction: 'dissatisfied' }, 'pending_close');
  at('2026-09-30 15:00');
  await step(s, rework, rework.dispatcher, 'close', {}, 'closed');
  orders.rework = rework;

  // 3. The civil affairs bureau returns it at once (not its own); redispatched to CGJ, signed in time, never reported.
  const returned = await dispatched('2026-09-29 10:00', 'WJ-MZJ');
  at('2026-09-29 10:20');
  await step(s, returned, returned.handler!, 'return', { reason: '非本单位职责' }, 'pending_dispatch');
  at('2026-09-29 10:30');
  await step(s, returned, returned.dispatcher, 'dispatch', { unitId: cgj }, 'pending_sign');
  at('2026-09-29 10:40');
  await step(s, returned, 'cgj_handler', 'sign', {}, 'handling');
  orders.returned = returned;

  // 4. Voided before anything was due: not the unit's to answer for.
  const voided = await dispatched('2026-09-29 11:00');
  at('2026-09-29 11:10');
  await step(s, voided, voided.shiftLead, 'void', { reason: '重复登记' }, 'voided');
  orders.voided = voided;

  // 5. Extended by two working days, reported after the first due time and before the second.
  const extended = await dispatched('2026-09-28 09:00');
  at('2026-09-28 09:10');
  await step(s, extended, extended.handler!, 'sign', {}, 'handling');
  at('2026-09-28 10:00');
  await step(s, extended, extended.handler!, 'request-extension', { value: 2, unit: 'working_days', reason: '需协调产权人' }, 'handling');
  await step(s, extended, extended.shiftLead, 'approve-extension', {}, 'handling');
  at('2026-09-29 16:00');
  await step(s, extended, extended.handler!, 'feedback', { result: '已协调拆除' }, 'pending_check');
  orders.extended = extended;

  // 6. Suspended for a day: its clock moves by the time suspended; reported after the first due time, in time.
  const suspended = await dispatched('2026-09-28 09:00');
  at('2026-09-28 09:05');
  await step(s, suspended, suspended.handler!, 'sign', {}, 'handling');
  at('2026-09-28 09:30');
  await step(s, suspended, suspended.shiftLead, 'suspend', { reason: '等待规划批复' }, 'suspended');
  at('2026-09-29 09:30');
  await step(s, suspended, suspended.shiftLead, 'resume', {}, 'handling');
  at('2026-09-29 15:00');
  await step(s, suspended, suspended.handler!, 'feedback', { result: '已处理' }, 'pending_check');
  orders.suspended = suspended;

  // 7. The grid worker's own reports: one taken up, one the sub-centre rejects.
  at('2026-09-29 09:00');
  orders.patrol = await createOrder(s, { channel: 'grid_patrol' });
  const rejected = await createOrder(s, { channel: 'grid_patrol' });
  await step(s, rejected, rejected.dispatcher, 'reject', { reason: '不属于受理范围' }, 'rejected');
  orders.rejected = rejected;

  at('2026-10-09 09:00');
}, 120_000);
afterAll(() => s?.close());

async function assessment(user = 'leader', query = PERIOD, subject = 'units'): Promise<Assessment> {
  const r = await (await s.as(user)).get(`/api/v1/assessment/${subject}?${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const rowOf = (a: Assessment, id: number | string): AssessmentRow => a.rows.find((r) => r.subject.id === String(id))!;
const figures = (a: Assessment, id: number | string) => Object.fromEntries(rowOf(a, id).figures.map((f: FigureView) => [f.code, [f.numerator, f.denominator]]));

describe('unit indicators on hand-made timelines', () => {
  it('counts each figure from the runs of the clocks and the timeline', async () => {
    const a = await assessment();
    expect(a.period).toEqual({ kind: 'custom', firstDay: '2026-09-28', lastDay: '2026-10-16' });
    const f = figures(a, cgj);
    // Signs: the holiday's (on time), the late one, the redispatched one, the extended and the suspended; not the voided.
    expect(f.sign_rate).toEqual([5, 5]);
    expect(f.sign_on_time_rate).toEqual([4, 5]);
    // Handling runs: the holiday's, the reworked order's two, the redispatched one (open, past due), extended, suspended.
    expect(f.completion_rate).toEqual([5, 6]);
    expect(f.completion_on_time_rate).toEqual([4, 6]);
    expect(f.rework_rate).toEqual([1, 5]);
    expect(f.return_rate).toEqual([0, 6]);
    expect(f.extension_rate).toEqual([1, 6]);
    expect(f.satisfaction_rate).toEqual([1, 2]);
    // The civil affairs bureau: one dispatch, returned; its sign run withdrawn before due counts in no sign rate.
    const m = figures(a, mzj);
    expect(m.return_rate).toEqual([1, 1]);
    expect(m.sign_rate).toEqual([0, 0]);
    expect(rowOf(a, mzj).figures.find((x) => x.code === 'sign_rate')!.value).toBeNull();
    // The district centre accepted and dispatched each at once, and called back both citizens.
    const centre = a.rows.find((r) => r.subject.kind === 'centre')!.subject.id;
    const c = figures(a, centre);
    expect(c.accept_on_time_rate).toEqual([6, 6]);
    expect(c.dispatch_on_time_rate).toEqual([7, 7]);
    expect(c.callback_rate).toEqual([2, 2]);
    expect(c.direct_close_rate).toEqual([0, 6]);
  });

  it('scores, grades and ranks under the kind’s weights', async () => {
    const a = await assessment('leader', `${PERIOD}&kind=department`);
    const row = rowOf(a, cgj);
    // 30 × 83.3 (completion) + 30 × 66.7 (on time) + 30 × (100 − 20) (rework) + 10 × 80 (on-time signs), over 100.
    expect(row.score).toBeCloseTo((30 * 83.3 + 30 * 66.7 + 30 * 80 + 10 * 80) / 100, 1);
    expect(row.score).toBe(77);
    expect(row.grade).toBe('B');
    expect(a.rows.every((r) => r.subject.kind === 'department')).toBe(true);
    const scored = a.rows.filter((r) => r.score !== null);
    expect(scored.map((r) => r.rank)).toEqual(scored.map((_, i) => i + 1));
    expect(a.previousPeriod).toEqual({ kind: 'custom', firstDay: '2026-09-09', lastDay: '2026-09-27' });
    expect(row.previous.score).toBeNull();
  });

  it('opens the orders behind a figure, below the line and above it', async () => {
    const c = await s.as('leader');
    const ids = async (code: string, part: string) => {
      const r = await c.get(`/api/v1/assessment/units/${cgj}/indicators/${code}/orders?${PERIOD}&part=${part}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return (r.body.items as { id: number }[]).map((o) => o.id).sort((x, y) => x - y);
    };
    const sorted = (...f: Fixture[]) => f.map((x) => x.id).sort((x, y) => x - y);
    expect(await ids('completion_on_time_rate', 'denominator')).toEqual(sorted(orders.holiday!, orders.rework!, orders.returned!, orders.extended!, orders.suspended!));
    expect(await ids('completion_on_time_rate', 'numerator')).toEqual(sorted(orders.holiday!, orders.rework!, orders.extended!, orders.suspended!));
    expect(await ids('rework_rate', 'numerator')).toEqual(sorted(orders.rework!));
    expect(await ids('extension_rate', 'numerator')).toEqual(sorted(orders.extended!));
  });

  it('shows each reader his scope: a department its own row, a grid worker nothing, a stranger’s drill 404', async () => {
    const own = await assessment('cgj_handler');
    expect(own.rows.map((r) => r.subject.id)).toEqual([String(cgj)]);
    const leader = await assessment();
    expect(leader.rows.filter((r) => r.subject.kind === 'department').length).toBeGreaterThan(10);
    const worker = await (await s.as('songling_gridworker')).request('GET', `/api/v1/assessment/units?${PERIOD}`);
    expect(worker.status).toBe(403);
    const stranger = await (await s.as('hbj_handler')).request('GET', `/api/v1/assessment/units/${cgj}/indicators/sign_rate/orders?${PERIOD}`);
    expect(stranger.status).toBe(404);
  });

  it('counts an area’s orders: registered, closed, on time, rated, solved where, still open past due', async () => {
    const grid = orders.holiday!.order.grid.code as string;
    const a = await assessment('leader', PERIOD, 'grids');
    const f = figures(a, grid);
    // Six hotline orders and the worker's two reports, all in his grid.
    expect(f.received).toEqual([8, 8]);
    // Needing an answer: not the voided one nor the rejected report; closed: the holiday's and the reworked one.
    expect(f.area_completion_rate).toEqual([2, 6]);
    // Settled: the two closed, and four open past a due time (the redispatched one's handling, two checks, the report
    // waiting at the sub-centre); on time: the holiday's only (the reworked one was signed late).
    expect(f.area_on_time_rate).toEqual([1, 6]);
    expect(f.area_satisfaction_rate).toEqual([1, 2]);
    expect(f.area_direct_close_rate).toEqual([0, 8]);
    expect(f.solved_in_grid_rate).toEqual([0, 2]);
    expect(f.overdue_open).toEqual([4, 4]);
    const row = rowOf(a, grid);
    expect(Object.values(row.resolution!).reduce((x, y) => x + y, 0)).toBe(2);
    // The same orders count for its village and town, among their others.
    const village = figures(await assessment('leader', PERIOD, 'villages'), orders.holiday!.order.village.code);
    expect(village.received).toEqual([8, 8]);
    const towns = await assessment('leader', PERIOD, 'towns');
    expect(towns.rows.map((r) => r.subject.kind)).toEqual(towns.rows.map(() => 'town'));
  });

  it('counts a grid worker’s reports and the checks of his grid', async () => {
    const worker = String(await userId(s, 'songling_gridworker'));
    const a = await assessment('leader', PERIOD, 'grid-workers');
    const f = figures(a, worker);
    expect(f.reports).toEqual([2, 2]);
    expect(f.valid_report_rate).toEqual([1, 2]);
    expect(f.important_share).toEqual([0, 1]);
    // Checks in his grid: the holiday's, the reworked one's two (in time), two still open past due.
    expect(f.check_on_time_rate).toEqual([3, 5]);
    expect(f.verify_on_time_rate).toEqual([0, 0]);
    // 20 valid reports in 30 days: 13 for these 19 days.
    expect(rowOf(a, worker).quota).toEqual({ target: 13, valid: 1, met: false });
    const c = await s.as('leader');
    const drill = await c.get(`/api/v1/assessment/grid-workers/${worker}/indicators/valid_report_rate/orders?${PERIOD}`);
    expect((drill.body.items as { id: number }[]).map((o) => o.id).sort()).toEqual([orders.patrol!.id, orders.rejected!.id].sort());
    const wrong = await c.request('GET', `/api/v1/assessment/grid-workers/${worker}/indicators/sign_rate/orders?${PERIOD}`);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.field).toBe('code');
    // His grid leader's village sees him; a town shift lead elsewhere does not.
    const other = await assessment('hengshan_shiftlead', PERIOD, 'grid-workers');
    expect(other.rows.some((r) => r.subject.id === worker)).toBe(false);
  });

  it('refuses a bad period naming the field, in both languages', async () => {
    const c = await s.as('leader', 'en');
    const cases: [string, string][] = [
      ['period=fortnight', 'period'],
      ['period=custom&from=2026-09-28', 'to'],
      ['period=custom&from=2026-10-28&to=2026-09-28', 'to'],
      ['period=month&date=2026-02-30', 'date'],
      ['period=custom&from=2025-01-01&to=2026-12-31', 'to'],
    ];
    for (const [q, field] of cases) {
      const r = await c.request('GET', `/api/v1/assessment/units?${q}`);
      expect(r.status, q).toBeGreaterThanOrEqual(400);
      expect(r.status, q).toBeLessThan(500);
      expect(r.body.error.field, q).toContain(field);
    }
  });
});
