/**
 * 统计分析 on a hand-made set: six orders registered on 29 September 2026 (before the demo history) whose every
 * figure is counted by hand below; the rollups equal the recount after each live action (a new order, a close, a
 * callback); the overdue count moves when a clock falls due with no write; each reader sees only his scope; bad
 * filters are refused naming the field; every figure opens its orders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsBreakdown, StatsHeadline, StatsSeries } from '@liandong/contracts';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder, orderIn, step, type Fixture } from './order-fixtures.ts';

const cst = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
let now = cst('2026-09-29 09:00');
let s: TestServer;
const at = (t: string) => {
  now = cst(t);
  s.forgetSessions();
};
const DAY = 'period=custom&from=2026-09-29&to=2026-09-29';
const SONGLING = '320509001000';
const SHENGZE = '320509105000';
let cgj = 0;
const o: Record<string, Fixture> = {};

const get = async (user: string, path: string, status = 200) => {
  const r = await (await s.as(user)).request<any>('GET', path);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(status);
  return r.body;
};
const headline = (user: string, q = ''): Promise<StatsHeadline> => get(user, `/api/v1/statistics/headline?${DAY}${q}`);
const breakdown = (user: string, dim: string, q = ''): Promise<StatsBreakdown> => get(user, `/api/v1/statistics/breakdown/${dim}?${DAY}${q}`);
const drill = async (user: string, q: string) => ((await get(user, `/api/v1/statistics/orders?${DAY}&${q}`)).items as { id: number }[]).map((x) => x.id).sort((a, b) => a - b);
const check = async () => {
  const c = await get('admin', '/api/v1/statistics/check');
  expect(c.differences, JSON.stringify(c.sample.slice(0, 3))).toBe(0);
  return c;
};

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
  cgj = await unitId(s, 'WJ-CGJ');
  o.a = await orderIn(s, 'closed', { satisfaction: 'satisfied' }); // songling, CGJ (enforcement), rated satisfied
  o.b = await orderIn(s, 'pending_sign'); // songling, CGJ, open
  o.c = await orderIn(s, 'rejected'); // songling, never dispatched: not needing an answer
  o.d = await orderIn(s, 'closed', { satisfaction: 'dissatisfied' }); // songling, CGJ, rated, not satisfied
  o.e = await createOrder(s, { nature: 'consultation' }); // songling, answered on the call: 直接办结
  await step(s, o.e, 'zx_operator', 'answer', { answer: '已电话答复办理流程' }, 'closed');
  o.f = await orderIn(s, 'closed', { gridWorker: 'shengze_gridworker', dispatchTo: 'WJ-MZJ', satisfaction: 'very_satisfied' }); // shengze, civil affairs
}, 120_000);
afterAll(() => s?.close());

describe('statistics on a hand-made set', () => {
  it('counts every figure as by hand, the rates with one decimal', async () => {
    const h = await headline('leader');
    expect(h.period).toEqual({ kind: 'custom', firstDay: '2026-09-29', lastDay: '2026-09-29' });
    expect(h.figures).toEqual({
      received: 6, needsAnswer: 5, done: 4, open: 1, overdue: 0, returned: 0, reworked: 0, directClosed: 1,
      closed: 4, closedOnTime: 4, rated: 3, satisfied: 2,
      completionRate: 80, onTimeRate: 100, satisfactionRate: 66.7, directCloseRate: 16.7, returnRate: 0, reworkRate: 0,
    });
    expect(h.resolution).toEqual({ grid: 0, village: 0, town: 0, district: 2, enforcement: 2 });
    expect(h.previous.received).toBe(0);
    await check();
  });

  it('breaks the figures down by town, unit, channel, nature and state, and by day', async () => {
    const towns = await breakdown('leader', 'town');
    expect(towns.rows.map((r) => [r.key, r.figures.received, r.figures.closed])).toEqual([[SONGLING, 5, 3], [SHENGZE, 1, 1]]);
    expect(towns.rows[0]!.name).toContain('松陵');
    const units = await breakdown('leader', 'unit', '&sort=closed');
    expect(units.rows[0]).toMatchObject({ key: String(cgj), figures: { received: 3, closed: 2, rated: 2, satisfied: 1 } });
    expect((await breakdown('leader', 'nature')).rows.find((r) => r.key === 'consultation')?.figures.directClosed).toBe(1);
    expect((await breakdown('leader', 'state')).rows.map((r) => [r.key, r.figures.received])).toEqual([['closed', 4], ['pending_sign', 1], ['rejected', 1]]);
    expect((await breakdown('leader', 'channel')).rows.map((r) => [r.key, r.figures.received])).toEqual([['hotline', 6]]);
    const series: StatsSeries = await get('leader', `/api/v1/statistics/series?period=custom&from=2026-09-28&to=2026-09-30`);
    expect(series.bucket).toBe('day');
    // Today is 29 September: the 30th is still to come and is not drawn as a zero.
    expect(series.points.map((p) => [p.bucket, p.figures.received])).toEqual([['2026-09-28', 0], ['2026-09-29', 6]]);
  });

  it('opens the orders behind a figure', async () => {
    expect(await drill('leader', 'measure=satisfied')).toEqual([o.a!.id, o.f!.id].sort((x, y) => x - y));
    expect(await drill('leader', 'measure=directClosed')).toEqual([o.e!.id]);
    expect(await drill('leader', 'measure=open')).toEqual([o.b!.id]);
    expect(await drill('leader', `measure=received&dimension=town&key=${SHENGZE}`)).toEqual([o.f!.id]);
    expect(await drill('leader', 'measure=closed&solved=enforcement')).toEqual([o.a!.id, o.d!.id].sort((x, y) => x - y));
  });

  it('clips every answer to the reader’s scope', async () => {
    // A town's shift lead: his town only.
    expect((await headline('songling_shiftlead')).figures.received).toBe(5);
    expect((await breakdown('songling_shiftlead', 'town')).rows.map((r) => r.key)).toEqual([SONGLING]);
    expect(await drill('songling_shiftlead', 'measure=closed')).not.toContain(o.f!.id);
    const other = await get('songling_shiftlead', `/api/v1/statistics/headline?${DAY}&town=${SHENGZE}`, 403);
    expect(other.error.field).toBe('town');
    // A department's handler: his unit only.
    expect((await headline('cgj_handler')).figures).toMatchObject({ received: 3, closed: 2 });
    expect((await breakdown('cgj_handler', 'unit')).rows.map((r) => r.key)).toEqual([String(cgj)]);
    expect((await headline('mzj_handler')).figures).toMatchObject({ received: 1, closed: 1, satisfied: 1 });
    // The filters carry: the district's leader narrowed to a town, a unit, a nature.
    expect((await headline('leader', `&town=${SHENGZE}`)).figures.received).toBe(1);
    expect((await headline('leader', `&unit=${cgj}`)).figures.received).toBe(3);
    expect((await headline('leader', '&nature=consultation&category=06')).figures.received).toBe(1); // E, of class 06006
    expect((await headline('leader', '&nature=consultation&channel=wechat')).figures.received).toBe(0);
    // A minor class is answered from the rollups by class, its major class from those by major class: the same orders here.
    expect((await headline('leader', '&category=06006')).figures).toEqual((await headline('leader', '&category=06')).figures);
    expect((await breakdown('leader', 'unit', '&category=06006')).rows).toEqual((await breakdown('leader', 'unit', '&category=06')).rows);
    // Those without the permission are refused.
    await get('zx_operator', `/api/v1/statistics/headline?${DAY}`, 403);
    await get('leader', '/api/v1/statistics/check', 403);
  });

  it('refuses a bad filter with a 400 naming the field', async () => {
    for (const [q, field] of [['&channel=nope', 'channel'], ['&town=320509999000', 'town'], ['&category=ZZ99', 'category'], ['&unit=999999', 'unit'], ['&unit=x', 'unit'], ['&nature=a%20b', 'nature']]) {
      const r = await get('leader', `/api/v1/statistics/headline?${DAY}${q}`, 400);
      expect(r.error.field, q).toContain(field);
    }
    expect((await get('leader', `/api/v1/statistics/breakdown/planet?${DAY}`, 400)).error.field).toContain('dimension');
  });

  it('stays equal to the recount after live actions: a new order, a clock falling due, a callback, a close', async () => {
    at('2026-09-29 10:00');
    const g = await orderIn(s, 'pending_sign', { gridWorker: 'shengze_gridworker' });
    expect((await headline('leader')).figures).toMatchObject({ received: 7, open: 2 });
    await check();
    // B's hour to sign ran out at about 10:00; by 11:00 it is overdue, though nothing was written to it.
    at('2026-09-29 11:00');
    expect((await headline('leader')).figures.overdue).toBe(2);
    await check();
    for (const f of [o.b!, g]) {
      await step(s, f, f.handler!, 'sign', {}, 'handling');
      await step(s, f, f.handler!, 'feedback', { result: '已处理' }, 'pending_check');
      await step(s, f, f.gridWorker, 'check', { passed: true }, 'pending_callback');
    }
    await step(s, o.b!, 'zx_operator', 'callback', { satisfaction: 'satisfied' }, 'pending_close');
    await check();
    await step(s, o.b!, o.b!.dispatcher, 'close', {}, 'closed');
    const h = await headline('leader');
    expect(h.figures).toMatchObject({ received: 7, open: 1, done: 5, closed: 5, overdue: 0, rated: 4, satisfied: 3 });
    expect(h.figures.closedOnTime).toBe(4); // B was signed late
    await check();
  });
});
