/**
 * Every action of the work-order lifecycle through the HTTP API, on the demo district: the state it
 * leads to, the fields it changes, the timeline event it writes (action, from, to, actor) and its
 * effect on the step clocks. The server runs on a manual clock set to Wednesday 4 March 2026, 10:00
 * in China (an ordinary working day), so deadlines can be stated in working time by hand:
 * working periods 08:30–12:00 and 13:30–17:30 (7.5 working hours a day).
 */
import type { ActionName } from '@liandong/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '@liandong/contracts';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { expectOk, orderIn, snapshot, unitOfUser, upload, userId, type Fixture, type OrderSpec } from './order-fixtures.ts';

/** An instant given in China local time, as the API writes it. */
const cst = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();
const T0 = cst('2026-03-04 10:00'); // Wednesday

let nowMs = Date.parse(T0);
const setClock = (iso: string) => {
  nowMs = Date.parse(iso);
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ clock: () => new Date(nowMs) });
});
afterAll(() => s?.close());
beforeEach(() => setClock(T0));

const ids = new Map<string, number>();
async function uid(username: string): Promise<number> {
  if (!ids.has(username)) ids.set(username, await userId(s, username));
  return ids.get(username)!;
}

/** Takes an action that must succeed, and checks that it wrote exactly one timeline event. */
async function act(f: Fixture | number, username: string, action: ActionName, body: unknown = {}): Promise<any> {
  const id = typeof f === 'number' ? f : f.id;
  const before = await snapshot(s, id);
  const order = expectOk(await (await s.as(username)).act(id, action, body), `${action} by ${username}`);
  expect(order.timeline).toHaveLength(before.timeline + 1);
  return order;
}

/** The last timeline event must be this action, between these states, by this person. */
async function expectEvent(order: any, action: string, fromState: string, toState: string, username: string) {
  const e = order.timeline.at(-1);
  expect(e).toMatchObject({ action, fromState, toState, actor: { id: await uid(username) } });
  expect(e.unit).not.toBeNull();
  return e;
}

const deadline = (order: any, step: string) => order.deadlines.find((d: { step: string }) => d.step === step);
const steps = (order: any) => order.deadlines.map((d: { step: string }) => d.step).sort();
const running = (order: any) => order.deadlines.filter((d: { doneAt: string | null }) => d.doneAt === null).map((d: { step: string }) => d.step).sort();

const fixture = (state: Parameters<typeof orderIn>[1], spec?: OrderSpec) => orderIn(s, state, spec);

describe('the lifecycle covers every action', () => {
  it('each action of the contract has a positive test in this file', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL(import.meta.url), 'utf8');
    const missing = ACTION_NAMES.filter((a) => !text.includes(`describe('${a}'`));
    expect(missing).toEqual([]);
  });
});

describe('accept', () => {
  it('moves a new order to pending_dispatch, classifies it, stops the accept clock and starts the dispatch clock', async () => {
    const f = await fixture('pending_accept', { categoryCode: null });
    expect(f.order.category).toBeNull();
    const o = await act(f, 'zx_dispatcher', 'accept', { categoryCode: '06006', note: '情况属实，予以受理' });
    expect(o.state.code).toBe('pending_dispatch');
    expect(o.category.code).toBe('06006');
    expect(o.urgency).toBe('normal');
    const e = await expectEvent(o, 'accept', 'pending_accept', 'pending_dispatch', 'zx_dispatcher');
    expect(e.note).toBe('情况属实，予以受理');
    expect(e.data).toEqual({ categoryCode: '06006', conditionCode: '06006-01', conditionBy: 'only' });
    expect(deadline(o, 'accept').doneAt).toBe(T0);
    expect(deadline(o, 'dispatch')).toMatchObject({ startedAt: T0, dueAt: cst('2026-03-04 11:00'), doneAt: null, limit: { value: 1, unit: 'working_hours' } });
  });

  it('the hotline operator may accept too', async () => {
    const f = await fixture('pending_accept');
    const o = await act(f, 'zx_operator', 'accept');
    expect(o.state.code).toBe('pending_dispatch');
    await expectEvent(o, 'accept', 'pending_accept', 'pending_dispatch', 'zx_operator');
  });
});

describe('reject', () => {
  it('closes a new order as rejected with the reason and stops the accept clock', async () => {
    const f = await fixture('pending_accept');
    const o = await act(f, 'zx_dispatcher', 'reject', { reason: '不属于本平台受理范围' });
    expect(o.state.code).toBe('rejected');
    expect(o.state.type).toBe('closed');
    expect(o.closedAt).toBe(T0);
    const e = await expectEvent(o, 'reject', 'pending_accept', 'rejected', 'zx_dispatcher');
    expect(e.note).toBe('不属于本平台受理范围');
    expect(steps(o)).toEqual(['accept']);
    expect(running(o)).toEqual([]);
  });
});

describe('answer', () => {
  it('the operator answers a consultation and closes it directly (直接办结): the answer on the timeline, every clock stopped, solved at the centre', async () => {
    const f = await fixture('pending_accept', { nature: 'consultation', categoryCode: null });
    expect(f.order.allowedActions).toContain('answer');
    const o = await act(f, 'zx_operator', 'answer', { answer: '社保卡补办：携带身份证到区政务服务中心一楼社保窗口，工作日 9:00–17:00' });
    expect(o.state.code).toBe('closed');
    expect(o.closedAt).toBe(T0);
    expect(o.solvedLevel).toBe('district');
    const e = await expectEvent(o, 'answer', 'pending_accept', 'closed', 'zx_operator');
    expect(e.note).toMatch(/社保窗口/);
    expect(e.data).toEqual({ direct: true });
    expect(e.label).toBe('直接办结');
    expect(running(o)).toEqual([]);
  });

  it('also after acceptance, by the dispatcher; a complaint is never offered it', async () => {
    const f = await fixture('pending_dispatch', { nature: 'consultation', categoryCode: null });
    const o = await act(f, 'zx_dispatcher', 'answer', { answer: '已电话答复政策口径' });
    await expectEvent(o, 'answer', 'pending_dispatch', 'closed', 'zx_dispatcher');
    expect((await fixture('pending_accept')).order.allowedActions).not.toContain('answer');
  });
});

describe('classify', () => {
  it('sets category and condition; the urgency and, at dispatch, the sign and handle limits follow the condition', async () => {
    const f = await fixture('pending_dispatch');
    const o = await act(f, 'zx_dispatcher', 'classify', { categoryCode: '06013', conditionCode: '06013-02', note: '路面塌陷' });
    expect(o.state.code).toBe('pending_dispatch');
    expect(o.category.code).toBe('06013');
    expect(o.urgency).toBe('urgent');
    const e = await expectEvent(o, 'classify', 'pending_dispatch', 'pending_dispatch', 'zx_dispatcher');
    expect(e.data).toEqual({ categoryCode: '06013', conditionCode: '06013-02', conditionBy: 'named', previous: '06006' });
    expect(o.condition).toMatchObject({ code: '06013-02' });
    // Routing and limits now come from condition 06013-02: housing bureau leads, transport co-handles, urgent hours.
    const d = await act(f, 'zx_dispatcher', 'dispatch');
    expect(d.handlerUnit.id).toBe(await unitId(s, 'WJ-ZJJ'));
    expect(deadline(d, 'sign')).toMatchObject({ limit: { value: 0.5, unit: 'urgent_hours' }, dueAt: cst('2026-03-04 10:30') });
    expect(deadline(d, 'handle')).toMatchObject({ limit: { value: 24, unit: 'urgent_hours' }, dueAt: cst('2026-03-05 10:00') });
    expect((await (await s.as('jtj_handler')).get(`/api/v1/orders/${f.id}`)).status).toBe(200);
  });

  it('also works on a new order, before acceptance', async () => {
    const f = await fixture('pending_accept', { categoryCode: null });
    const o = await act(f, 'zx_dispatcher', 'classify', { categoryCode: '06012', conditionCode: '06012-02' });
    expect(o.state.code).toBe('pending_accept');
    expect(o.category.code).toBe('06012');
    expect((await expectEvent(o, 'classify', 'pending_accept', 'pending_accept', 'zx_dispatcher')).data.previous).toBeNull();
  });
});

describe('the condition (立案条件) is never picked silently', () => {
  it('a category with several conditions needs the choice, unless the words imply one, which the timeline says', async () => {
    // 01001 供水井盖异常: -01 missing/broken (urgent, 24 h) and -02 loose/noisy (3 working days).
    const vague = await fixture('pending_accept', { categoryCode: null, description: '小区门口井盖有问题' });
    const refused = await (await s.as('zx_dispatcher')).act(vague.id, 'accept', { categoryCode: '01001' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'unprocessable', field: 'conditionCode' });
    expect(refused.body.error.message).toMatch(/01001-01 .*（紧急）；01001-02 /);
    const named = await act(vague, 'zx_dispatcher', 'accept', { categoryCode: '01001', conditionCode: '01001-02' });
    expect(named).toMatchObject({ urgency: 'normal', condition: { code: '01001-02' } });

    const loose = await fixture('pending_accept', { categoryCode: null, description: '学校门口井盖松动，车辆经过哐哐响' });
    const o = await act(loose, 'zx_dispatcher', 'accept', { categoryCode: '01001' });
    expect(o).toMatchObject({ urgency: 'normal', condition: { code: '01001-02', description: expect.stringContaining('松动') } });
    expect((await expectEvent(o, 'accept', 'pending_accept', 'pending_dispatch', 'zx_dispatcher')).data).toEqual({ categoryCode: '01001', conditionCode: '01001-02', conditionBy: 'text' });
  });

  it('a report registered under such a category keeps it, and waits for the dispatcher to choose before it can be routed', async () => {
    const f = await fixture('pending_dispatch', { categoryCode: '01001', description: '井盖有问题，请处理' });
    expect(f.order).toMatchObject({ category: { code: '01001' }, condition: null, urgency: 'normal' });
    const d = await s.as('zx_dispatcher');
    const unrouted = await d.act(f.id, 'dispatch', {});
    expect(unrouted.status).toBe(422);
    await act(f, 'zx_dispatcher', 'classify', { categoryCode: '01001', conditionCode: '01001-01' });
    expect((await act(f, 'zx_dispatcher', 'dispatch')).handlerUnit.id).toBe(await unitId(s, 'WJ-GSGS'));
  });

  it('the conditions endpoint shows where dispatch {} sends each condition: lead and co-handling units, fixed or territorial', async () => {
    const c = await s.as('zx_dispatcher');
    const conds = (await c.get('/api/v1/catalogue/categories/01001/conditions')).body as {
      code: string;
      units: { role: string; unit: { id: number; name: string } | null; territorial: boolean; componentOwner: boolean }[];
    }[];
    expect(conds.map((x) => x.code)).toEqual(['01001-01', '01001-02']);
    // A water-supply cover's matter goes to the cover's owner (权属单位), else to the water supply company.
    for (const x of conds) {
      expect(x.units.filter((u) => u.role === 'lead').map((u) => [u.componentOwner, u.unit?.id ?? null])).toEqual([
        [true, null],
        [false, await unitId(s, 'WJ-GSGS')],
      ]);
    }
    const territorial = (await c.get('/api/v1/catalogue/categories/06007/conditions')).body as typeof conds; // 沿街晾晒: 属地
    expect(territorial.flatMap((x) => x.units).some((u) => u.territorial && u.unit === null)).toBe(true);
  });
});

describe('dispatch', () => {
  it('sends the order to a department with co-handlers and starts the sign and handle clocks with the condition limits', async () => {
    const f = await fixture('pending_dispatch');
    const [cgj, swj] = [await unitId(s, 'WJ-CGJ'), await unitId(s, 'WJ-SWJ')];
    expect((await (await s.as('swj_handler')).get(`/api/v1/orders/${f.id}`)).status).toBe(404);
    const o = await act(f, 'zx_dispatcher', 'dispatch', { unitId: cgj, coUnitIds: [swj], note: '请尽快处置' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.handlerUnit.id).toBe(cgj);
    expect(o.level).toBe('district');
    const e = await expectEvent(o, 'dispatch', 'pending_dispatch', 'pending_sign', 'zx_dispatcher');
    expect(e.data).toMatchObject({ unitId: cgj, coUnitIds: [swj] });
    expect(deadline(o, 'dispatch').doneAt).toBe(T0);
    // 06006-01: sign within 1 working hour, handle within 1 working day (Wednesday 10:00 → Thursday 10:00).
    expect(deadline(o, 'sign')).toMatchObject({ startedAt: T0, dueAt: cst('2026-03-04 11:00'), doneAt: null, limit: { value: 1, unit: 'working_hours' } });
    expect(deadline(o, 'handle')).toMatchObject({ startedAt: T0, dueAt: cst('2026-03-05 10:00'), doneAt: null, limit: { value: 1, unit: 'working_days' } });
    // The co-handler now sees the order.
    expect((await (await s.as('swj_handler')).get(`/api/v1/orders/${f.id}`)).status).toBe(200);
  });

  it('without a unit, follows the catalogue routing of the order condition', async () => {
    const f = await fixture('pending_dispatch');
    const o = await act(f, 'zx_dispatcher', 'dispatch');
    expect(o.state.code).toBe('pending_sign');
    expect(o.handlerUnit.id).toBe(await unitId(s, 'WJ-CGJ'));
  });

  it('two-level: the district sends it to the town sub-centre, which sends it on to the village station', async () => {
    const f = await fixture('pending_dispatch');
    const sub = await unitId(s, 'WJ-ZX-320509001');
    const o = await act(f, 'zx_dispatcher', 'dispatch', { unitId: sub });
    expect(o.state.code).toBe('pending_dispatch');
    expect(o.dispatchUnit.id).toBe(sub);
    expect(o.handlerUnit).toBeNull();
    expect(o.level).toBe('town');
    expect((await expectEvent(o, 'dispatch', 'pending_dispatch', 'pending_dispatch', 'zx_dispatcher')).data.secondLevel).toBe(true);
    expect(running(o)).toEqual(['dispatch']);
    setClock(cst('2026-03-04 10:20'));
    const station = await unitOfUser(s, 'songling_station');
    const o2 = await act(f, 'songling_dispatcher', 'dispatch', { unitId: station });
    expect(o2.state.code).toBe('pending_sign');
    expect(o2.handlerUnit.id).toBe(station);
    expect(o2.level).toBe('village');
    await expectEvent(o2, 'dispatch', 'pending_dispatch', 'pending_sign', 'songling_dispatcher');
    expect(deadline(o2, 'sign').startedAt).toBe(cst('2026-03-04 10:20'));
  });
});

describe('redispatch', () => {
  it('takes the order back from one department and sends it to another; sign and handle clocks restart', async () => {
    const f = await fixture('pending_sign');
    const [cgj, jtj] = [await unitId(s, 'WJ-CGJ'), await unitId(s, 'WJ-JTJ')];
    setClock(cst('2026-03-04 11:00'));
    const o = await act(f, 'zx_dispatcher', 'redispatch', { unitId: jtj, reason: '属交通部门职责' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.handlerUnit.id).toBe(jtj);
    const e = await expectEvent(o, 'redispatch', 'pending_sign', 'pending_sign', 'zx_dispatcher');
    expect(e.note).toBe('属交通部门职责');
    expect(e.data).toMatchObject({ unitId: jtj, previousUnitId: cgj });
    // 11:00 + 1 working hour ends with the morning period at 12:00; + 1 working day is Thursday 11:00.
    expect(deadline(o, 'sign')).toMatchObject({ startedAt: cst('2026-03-04 11:00'), dueAt: cst('2026-03-04 12:00'), doneAt: null });
    expect(deadline(o, 'handle')).toMatchObject({ startedAt: cst('2026-03-04 11:00'), dueAt: cst('2026-03-05 11:00'), doneAt: null });
    // The former unit no longer answers for it; the new one signs.
    expect((await (await s.as('cgj_handler')).act(f.id, 'sign')).status).toBe(403);
    expect((await act(f, 'jtj_handler', 'sign')).state.code).toBe('handling');
  });

  it('also from handling, back to pending_sign', async () => {
    const f = await fixture('handling');
    const o = await act(f, 'zx_shiftlead', 'redispatch', { unitId: await unitId(s, 'WJ-ZJJ'), reason: '改派住建局' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.handlerUnit.id).toBe(await unitId(s, 'WJ-ZJJ'));
    await expectEvent(o, 'redispatch', 'handling', 'pending_sign', 'zx_shiftlead');
    expect(running(o)).toEqual(['handle', 'sign']);
  });
});

describe('add-co-handler', () => {
  it('the dispatcher adds a co-handling unit, which then sees the order; state and lead unchanged', async () => {
    const f = await fixture('pending_sign');
    const jtj = await unitId(s, 'WJ-JTJ');
    const jtjHandler = await s.as('jtj_handler');
    expect((await jtjHandler.get(`/api/v1/orders/${f.id}`)).status).toBe(404);
    const o = await act(f, 'zx_dispatcher', 'add-co-handler', { unitId: jtj, note: '请交通局协助' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.handlerUnit.id).toBe(await unitId(s, 'WJ-CGJ'));
    expect((await expectEvent(o, 'add-co-handler', 'pending_sign', 'pending_sign', 'zx_dispatcher')).data).toMatchObject({ unitId: jtj });
    expect((await jtjHandler.get(`/api/v1/orders/${f.id}`)).status).toBe(200);
  });

  it('the lead unit adds one while handling', async () => {
    const f = await fixture('handling');
    const o = await act(f, 'cgj_handler', 'add-co-handler', { unitId: await unitId(s, 'WJ-SWJ') });
    expect(o.state.code).toBe('handling');
    await expectEvent(o, 'add-co-handler', 'handling', 'handling', 'cgj_handler');
    expect((await (await s.as('swj_handler')).get(`/api/v1/orders/${f.id}`)).status).toBe(200);
  });
});

describe('sign', () => {
  it('moves to handling, stops the sign clock, and leaves the handle clock started at dispatch running', async () => {
    const f = await fixture('pending_sign');
    const handleBefore = deadline(f.order, 'handle');
    setClock(cst('2026-03-04 10:30'));
    const o = await act(f, 'cgj_handler', 'sign', { note: '已签收' });
    expect(o.state.code).toBe('handling');
    expect((await expectEvent(o, 'sign', 'pending_sign', 'handling', 'cgj_handler')).note).toBe('已签收');
    expect(deadline(o, 'sign').doneAt).toBe(cst('2026-03-04 10:30'));
    const stored = ({ step, startedAt, dueAt, limit, doneAt }: typeof handleBefore) => ({ step, startedAt, dueAt, limit, doneAt });
    expect(stored(deadline(o, 'handle'))).toEqual(stored(handleBefore)); // the clock's reading moves with time; its row does not
    expect(deadline(o, 'handle').running).toBe(true);
  });
});

describe('co-sign', () => {
  it('a co-handler signs for its part; the order stays where the lead has it; the order lists its co-handlers', async () => {
    const f = await fixture('pending_sign', { coUnits: ['WJ-SWJ'] });
    const swj = await unitId(s, 'WJ-SWJ');
    expect(f.order.coHandlers).toEqual([{ unit: { id: swj, name: expect.any(String) }, signedAt: null, reportedAt: null, report: null }]);
    expect((await (await s.as('swj_handler')).get(`/api/v1/orders/${f.id}`)).body.allowedActions).toEqual(['co-sign', 'co-feedback']);
    setClock(cst('2026-03-04 10:20'));
    const o = await act(f, 'swj_handler', 'co-sign', { note: '水务局协办' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.coHandlers[0]).toMatchObject({ signedAt: cst('2026-03-04 10:20'), reportedAt: null });
    expect((await expectEvent(o, 'co-sign', 'pending_sign', 'pending_sign', 'swj_handler')).data).toMatchObject({ unitId: swj });
    expect((await (await s.as('swj_handler')).act(f.id, 'co-sign', {})).status).toBe(409);
    const clocks = (x: { deadlines: { step: string; dueAt: string; doneAt: string | null }[] }) => x.deadlines.map((d) => [d.step, d.dueAt, d.doneAt]);
    expect(clocks(o)).toEqual(clocks(f.order)); // the lead's clocks are untouched
  });
});

describe('co-feedback', () => {
  it("the lead's result waits for the co-handler's part, then carries it", async () => {
    const f = await fixture('handling', { coUnits: ['WJ-SWJ'] });
    const early = await (await s.as('cgj_handler')).act(f.id, 'feedback', { result: '已处置' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/协办单位尚未反馈：.*水务/);
    setClock(cst('2026-03-04 11:00'));
    const photo = await upload(s, 'swj_handler');
    const part = await act(f, 'swj_handler', 'co-feedback', { result: '已疏通周边雨水管道', attachments: [photo] });
    expect(part.state.code).toBe('handling');
    expect(part.coHandlers[0]).toMatchObject({ signedAt: cst('2026-03-04 11:00'), reportedAt: cst('2026-03-04 11:00'), report: '已疏通周边雨水管道' });
    expect((await expectEvent(part, 'co-feedback', 'handling', 'handling', 'swj_handler')).attachmentIds).toEqual([photo]);
    const done = await act(f, 'cgj_handler', 'feedback', { result: '已拆除条幅' });
    expect(done.state.code).toBe('pending_check');
    const e = await expectEvent(done, 'feedback', 'handling', 'pending_check', 'cgj_handler');
    expect(e.data.coReports).toEqual([{ unitId: await unitId(s, 'WJ-SWJ'), unitName: expect.any(String), report: '已疏通周边雨水管道' }]);
  });

  it('the lead may go without a silent co-handler, saying why', async () => {
    const f = await fixture('handling', { coUnits: ['WJ-SWJ'] });
    const o = await act(f, 'cgj_handler', 'feedback', { result: '已拆除条幅', withoutCoReports: '协办事项已由主办单位一并完成' });
    expect((await expectEvent(o, 'feedback', 'handling', 'pending_check', 'cgj_handler')).data).toMatchObject({
      coReports: [{ report: null }],
      withoutCoReports: '协办事项已由主办单位一并完成',
    });
  });
});

describe('return', () => {
  it('sends the order back to the dispatcher: returns counted, unit released, sign/handle stopped, dispatch clock restarted', async () => {
    const f = await fixture('handling');
    setClock(cst('2026-03-04 11:00'));
    const o = await act(f, 'cgj_handler', 'return', { reason: '不属于城管职责，应由住建部门处理' });
    expect(o.state.code).toBe('pending_dispatch');
    expect(o.handlerUnit).toBeNull();
    expect(o.counts.returns).toBe(1);
    const e = await expectEvent(o, 'return', 'handling', 'pending_dispatch', 'cgj_handler');
    expect(e.note).toBe('不属于城管职责，应由住建部门处理');
    expect(e.data).toMatchObject({ unitId: await unitId(s, 'WJ-CGJ') });
    expect(deadline(o, 'sign').doneAt).not.toBeNull();
    expect(deadline(o, 'handle').doneAt).toBe(cst('2026-03-04 11:00'));
    expect(deadline(o, 'dispatch')).toMatchObject({ startedAt: cst('2026-03-04 11:00'), dueAt: cst('2026-03-04 12:00'), doneAt: null });
    expect(running(o)).toEqual(['dispatch']);
    // It no longer belongs to the unit that returned it.
    expect((await (await s.as('cgj_handler')).act(f.id, 'feedback', { result: 'x' })).status).toBe(403);
    // The dispatcher's 退单待裁决 queue holds it, with who returned it, when and why; re-dispatched, it leaves.
    const dispatcher = await s.as('zx_dispatcher');
    const returned = async () => (await dispatcher.get('/api/v1/orders?state=pending_dispatch&arrivedBy=return&pageSize=100')).body.items;
    expect((await returned()).find((x) => x.id === f.id)?.arrival).toEqual({
      action: 'return',
      at: cst('2026-03-04 11:00'),
      reason: '不属于城管职责，应由住建部门处理',
      unit: { id: await unitId(s, 'WJ-CGJ'), name: expect.any(String) },
    });
    expect((await dispatcher.get('/api/v1/orders?state=pending_dispatch&arrivedBy=escalate&pageSize=100')).body.items.map((x) => x.id)).not.toContain(f.id);
    await act(f, 'zx_dispatcher', 'dispatch', { unitId: await unitId(s, 'WJ-ZJJ') });
    expect((await returned()).map((x) => x.id)).not.toContain(f.id);
  });

  it('a second return from pending_sign counts again', async () => {
    const f = await fixture('pending_sign');
    await act(f, 'cgj_handler', 'return', { reason: '非本单位职责' });
    await act(f, 'zx_dispatcher', 'dispatch', { unitId: await unitId(s, 'WJ-ZJJ') });
    const o = await act(f, 'zjj_handler', 'return', { reason: '仍非本单位职责' });
    await expectEvent(o, 'return', 'pending_sign', 'pending_dispatch', 'zjj_handler');
    expect(o.counts.returns).toBe(2);
  });

  it('首单负责制: the unit that returned an order once cannot return it again when it comes back', async () => {
    const f = await fixture('handling');
    await act(f, 'cgj_handler', 'return', { reason: '非本单位职责' });
    await act(f, 'zx_dispatcher', 'dispatch', { unitId: await unitId(s, 'WJ-CGJ') });
    const again = await (await s.as('cgj_handler')).act(f.id, 'return', { reason: '仍非本单位职责' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/首单负责制/);
    expect((await (await s.as('cgj_handler')).get(`/api/v1/orders/${f.id}`)).body.state.code).toBe('pending_sign');
  });
});

describe('request-extension', () => {
  it('leaves an extension request waiting for the shift lead; deadlines unchanged', async () => {
    const f = await fixture('handling');
    const o = await act(f, 'cgj_handler', 'request-extension', { value: 2, unit: 'working_days', reason: '需协调产权人' });
    expect(o.state.code).toBe('handling');
    expect(o.pendingRequest).toMatchObject({ kind: 'extension', value: 2, unit: 'working_days', reason: '需协调产权人', by: await uid('cgj_handler') });
    expect(o.counts.extensions).toBe(0);
    expect((await expectEvent(o, 'request-extension', 'handling', 'handling', 'cgj_handler')).data).toMatchObject({ request: 'extension' });
    expect(o.deadlines).toEqual(f.order.deadlines);
    expect(deadline(o, 'handle').dueAt).toBe(cst('2026-03-05 10:00'));
  });
});

describe('approve-extension', () => {
  it('moves the handle deadline by the approved amount in working time (over the weekend) and counts the extension', async () => {
    const f = await fixture('handling', { request: 'extension' }); // 2 working days
    expect(deadline(f.order, 'handle').dueAt).toBe(cst('2026-03-05 10:00')); // Thursday
    const o = await act(f, 'zx_shiftlead', 'approve-extension', { note: '同意延期' });
    expect(o.state.code).toBe('handling');
    expect(o.pendingRequest).toBeNull();
    expect(o.counts.extensions).toBe(1);
    // Thursday 10:00 + 2 working days = Monday 10:00 (Saturday and Sunday do not count).
    expect(deadline(o, 'handle')).toMatchObject({ dueAt: cst('2026-03-09 10:00'), doneAt: null });
    const e = await expectEvent(o, 'approve-extension', 'handling', 'handling', 'zx_shiftlead');
    expect(e.data).toMatchObject({ value: 2, unit: 'working_days', previousDueAt: cst('2026-03-05 10:00'), dueAt: cst('2026-03-09 10:00') });
    // Other clocks did not move.
    const before = f.order.deadlines.filter((d: { step: string }) => d.step !== 'handle');
    expect(o.deadlines.filter((d: { step: string }) => d.step !== 'handle')).toEqual(before);
  });

  it('a second extension is counted again and adds to the extended deadline', async () => {
    const f = await fixture('handling', { request: 'extension' });
    await act(f, 'zx_shiftlead', 'approve-extension');
    await act(f, 'cgj_handler', 'request-extension', { value: 4, unit: 'working_hours', reason: '还需半天' });
    const o = await act(f, 'zx_shiftlead', 'approve-extension');
    expect(o.counts.extensions).toBe(2);
    // Monday 10:00 + 4 working hours = 12:00 (2 h) + 13:30..15:30 (2 h).
    expect(deadline(o, 'handle').dueAt).toBe(cst('2026-03-09 15:30'));
  });
});

describe('deny-extension', () => {
  it('clears the request; deadline and count unchanged', async () => {
    const f = await fixture('handling', { request: 'extension' });
    const o = await act(f, 'zx_shiftlead', 'deny-extension', { reason: '理由不充分' });
    expect(o.state.code).toBe('handling');
    expect(o.pendingRequest).toBeNull();
    expect(o.counts.extensions).toBe(0);
    expect((await expectEvent(o, 'deny-extension', 'handling', 'handling', 'zx_shiftlead')).note).toBe('理由不充分');
    expect(o.deadlines).toEqual(f.order.deadlines);
  });
});

describe('request-suspension', () => {
  it.each([
    ['the handler, while handling', 'handling', 'cgj_handler'],
    ['the dispatcher, before dispatch', 'pending_dispatch', 'zx_dispatcher'],
  ] as const)('%s', async (_label, state, who) => {
    const f = await fixture(state);
    const o = await act(f, who, 'request-suspension', { reason: '涉及规划调整，需等待批复' });
    expect(o.state.code).toBe(state);
    expect(o.pendingRequest).toMatchObject({ kind: 'suspension', reason: '涉及规划调整，需等待批复', by: await uid(who) });
    expect((await expectEvent(o, 'request-suspension', state, state, who)).data).toMatchObject({ request: 'suspension' });
    expect(o.deadlines).toEqual(f.order.deadlines);
  });
});

describe('suspend', () => {
  it('approves a waiting suspension request: state suspended, request cleared, its reason on the timeline', async () => {
    const f = await fixture('handling', { request: 'suspension' });
    const o = await act(f, 'zx_shiftlead', 'suspend');
    expect(o.state.code).toBe('suspended');
    expect(o.state.type).toBe('suspended');
    expect(o.pendingRequest).toBeNull();
    expect((await expectEvent(o, 'suspend', 'handling', 'suspended', 'zx_shiftlead')).note).toBe('涉及规划调整，需等待批复');
  });

  it('suspends directly with a reason, from pending_sign', async () => {
    const f = await fixture('pending_sign');
    const o = await act(f, 'zx_shiftlead', 'suspend', { reason: '待上级批复' });
    expect(o.state.code).toBe('suspended');
    expect((await expectEvent(o, 'suspend', 'pending_sign', 'suspended', 'zx_shiftlead')).note).toBe('待上级批复');
  });
});

describe('deny-suspension', () => {
  it('clears the suspension request; the order keeps going', async () => {
    const f = await fixture('pending_sign', { request: 'suspension' });
    const o = await act(f, 'zx_shiftlead', 'deny-suspension', { reason: '请继续办理' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.pendingRequest).toBeNull();
    expect((await expectEvent(o, 'deny-suspension', 'pending_sign', 'pending_sign', 'zx_shiftlead')).note).toBe('请继续办理');
    expect(o.deadlines).toEqual(f.order.deadlines);
  });
});

describe('resume', () => {
  it('returns to the state it was suspended from and pushes every running clock back by the working time spent suspended', async () => {
    const f = await fixture('pending_sign'); // at 10:00: sign due 11:00, handle due Thursday 10:00
    const suspended = await act(f, 'zx_shiftlead', 'suspend', { reason: '待批复' });
    setClock(cst('2026-03-04 14:00')); // 2.5 working hours later (10:00–12:00, 13:30–14:00)
    const o = await act(f, 'zx_shiftlead', 'resume', { note: '批复已下达，恢复办理' });
    expect(o.state.code).toBe('pending_sign');
    const e = await expectEvent(o, 'resume', 'suspended', 'pending_sign', 'zx_shiftlead');
    expect(e.note).toBe('批复已下达，恢复办理');
    expect(e.data).toMatchObject({ suspendedSince: T0 });
    // 1 working hour was left on sign: 14:00 + 1 h = 15:00. 7.5 working hours left on handle: Thursday 14:00.
    expect(deadline(o, 'sign')).toMatchObject({ dueAt: cst('2026-03-04 15:00'), doneAt: null });
    expect(deadline(o, 'handle')).toMatchObject({ dueAt: cst('2026-03-05 14:00'), doneAt: null });
    // Finished clocks keep their dates.
    for (const step of ['accept', 'dispatch']) expect(deadline(o, step)).toEqual(deadline(suspended, step));
    // And the order goes on where it stopped.
    expect((await act(f, 'cgj_handler', 'sign')).state.code).toBe('handling');
  });

  it('a clock already overdue when suspended stays overdue by the same working time (the clock stops while suspended)', async () => {
    const f = await fixture('pending_sign'); // at 10:00: sign due 11:00 (1 working hour), handle due Thursday 10:00
    setClock(cst('2026-03-04 17:00')); // sign overdue by 4.5 working hours (11:00–12:00, 13:30–17:00)
    await act(f, 'zx_shiftlead', 'suspend', { reason: '待批复' });
    setClock(cst('2026-03-04 21:00')); // suspended 17:00–21:00: 0.5 working hour (17:00–17:30)
    const o = await act(f, 'zx_shiftlead', 'resume');
    const calendar = await s.platform.calendar.get(s.platform.db);
    const overdue = (d: { dueAt: string }) => calendar.elapsed(new Date(d.dueAt), new Date(nowMs), 'working_hours');
    // Still 4.5 working hours late: the deadline moves by the 0.5 working hour spent suspended, to 11:30.
    expect(overdue(deadline(o, 'sign'))).toBeCloseTo(4.5, 6);
    expect(deadline(o, 'sign').dueAt).toBe(cst('2026-03-04 11:30'));
    // The handle clock, not yet due, moves by the same 0.5 working hour: Thursday 10:30.
    expect(deadline(o, 'handle').dueAt).toBe(cst('2026-03-05 10:30'));
  });

  it('back to handling when suspended from handling', async () => {
    const f = await fixture('suspended', { suspendFrom: 'handling' });
    const o = await act(f, 'zx_shiftlead', 'resume');
    expect(o.state.code).toBe('handling');
    await expectEvent(o, 'resume', 'suspended', 'handling', 'zx_shiftlead');
    // No time passed: nothing moves.
    expect(o.deadlines).toEqual(f.order.deadlines);
  });
});

describe('request-void', () => {
  it.each([
    ['the dispatcher', 'pending_dispatch', 'zx_dispatcher'],
    ['the operator', 'pending_accept', 'zx_operator'],
    ['the handler', 'handling', 'cgj_handler'],
    ['the dispatcher, on a suspended order', 'suspended', 'zx_dispatcher'],
  ] as const)('%s (%s)', async (_label, state, who) => {
    const f = await fixture(state);
    const o = await act(f, who, 'request-void', { reason: '与已办结工单重复' });
    expect(o.state.code).toBe(state);
    expect(o.pendingRequest).toMatchObject({ kind: 'void', reason: '与已办结工单重复', by: await uid(who) });
    expect((await expectEvent(o, 'request-void', state, state, who)).data).toMatchObject({ request: 'void' });
  });
});

describe('void', () => {
  it('approves a void request: voided, closed, every running clock stopped', async () => {
    const f = await fixture('handling', { request: 'void' });
    setClock(cst('2026-03-04 10:45'));
    const o = await act(f, 'zx_shiftlead', 'void');
    expect(o.state.code).toBe('voided');
    expect(o.state.type).toBe('voided');
    expect(o.pendingRequest).toBeNull();
    expect(o.closedAt).toBe(cst('2026-03-04 10:45'));
    expect((await expectEvent(o, 'void', 'handling', 'voided', 'zx_shiftlead')).note).toBe('与已办结工单重复');
    expect(running(o)).toEqual([]);
    expect(deadline(o, 'handle').doneAt).toBe(cst('2026-03-04 10:45'));
  });

  it('voids a new order directly with a reason', async () => {
    const f = await fixture('pending_accept');
    const o = await act(f, 'zx_shiftlead', 'void', { reason: '测试数据' });
    expect(o.state.code).toBe('voided');
    expect((await expectEvent(o, 'void', 'pending_accept', 'voided', 'zx_shiftlead')).note).toBe('测试数据');
    expect(running(o)).toEqual([]);
  });
});

describe('deny-void', () => {
  it('clears the void request; state and clocks unchanged', async () => {
    const f = await fixture('pending_dispatch', { request: 'void' });
    const o = await act(f, 'zx_shiftlead', 'deny-void', { reason: '并非重复件' });
    expect(o.state.code).toBe('pending_dispatch');
    expect(o.pendingRequest).toBeNull();
    expect((await expectEvent(o, 'deny-void', 'pending_dispatch', 'pending_dispatch', 'zx_shiftlead')).note).toBe('并非重复件');
    expect(o.deadlines).toEqual(f.order.deadlines);
  });
});

describe('escalate', () => {
  it('grid → village → town → district: level, responsible unit and escalation count follow; the clocks restart', async () => {
    // A patrol report the town has accepted (a valid report); the grid cannot solve it.
    const f = await fixture('pending_dispatch', { channel: 'grid_patrol' });
    const sub = await unitId(s, 'WJ-ZX-320509001');
    const station = await unitOfUser(s, 'songling_station');
    expect(f.order.level).toBe('grid');
    expect(f.order.dispatchUnit.id).toBe(sub);
    const o1 = await act(f, 'songling_gridworker', 'escalate', { reason: '网格内无法解决' });
    expect(o1.state.code).toBe('pending_sign');
    expect(o1.level).toBe('village');
    expect(o1.handlerUnit.id).toBe(station);
    expect(o1.dispatchUnit.id).toBe(sub);
    expect(o1.counts.escalations).toBe(1);
    const e1 = await expectEvent(o1, 'escalate', 'pending_dispatch', 'pending_sign', 'songling_gridworker');
    expect(e1.data).toMatchObject({ fromLevel: 'grid', toLevel: 'village', unitId: station });
    expect(deadline(o1, 'dispatch').doneAt).toBe(T0);
    expect(running(o1)).toEqual(['handle', 'sign']);

    setClock(cst('2026-03-04 10:20'));
    const o2 = await act(f, 'songling_station', 'escalate', { reason: '村级无法解决' });
    expect(o2).toMatchObject({ level: 'town', state: { code: 'pending_dispatch' }, handlerUnit: null });
    expect(o2.dispatchUnit.id).toBe(sub);
    await expectEvent(o2, 'escalate', 'pending_sign', 'pending_dispatch', 'songling_station');
    expect(deadline(o2, 'dispatch')).toMatchObject({ startedAt: cst('2026-03-04 10:20'), doneAt: null });

    setClock(cst('2026-03-04 10:40'));
    const o3 = await act(f, 'songling_dispatcher', 'escalate', { reason: '镇级无法解决，需区级部门' });
    expect(o3.level).toBe('district');
    expect(o3.dispatchUnit.id).toBe(await unitId(s, 'WJ-ZX'));
    expect(o3.counts.escalations).toBe(3);
    await expectEvent(o3, 'escalate', 'pending_dispatch', 'pending_dispatch', 'songling_dispatcher');
    // In the district's 上报待派遣 queue (its state unchanged, but it came up), with the town's reason.
    const escalated = (await (await s.as('zx_dispatcher')).get('/api/v1/orders?state=pending_dispatch&arrivedBy=escalate&pageSize=100')).body.items;
    expect(escalated.find((x) => x.id === f.id)?.arrival).toMatchObject({ action: 'escalate', reason: '镇级无法解决，需区级部门', unit: { id: sub } });
    expect(deadline(o3, 'dispatch')).toMatchObject({ startedAt: cst('2026-03-04 10:40'), dueAt: cst('2026-03-04 11:40'), doneAt: null });
    // The district now dispatches it.
    expect((await act(f, 'zx_dispatcher', 'dispatch', { unitId: await unitId(s, 'WJ-CGJ') })).state.code).toBe('pending_sign');
  });

  it('a village station pushes up what it is handling: the unit is released, sign and handle clocks stop', async () => {
    const station = await unitOfUser(s, 'songling_station');
    const code = (await s.platform.db.query<{ code: string }>('select code from units where id = $1', [station])).rows[0]!.code;
    const f = await fixture('handling', { channel: 'grid_patrol', dispatchTo: code });
    expect(f.order.level).toBe('village');
    expect(f.handler).toBe('songling_station');
    const o = await act(f, 'songling_station', 'escalate', { reason: '村级无力处置' });
    expect(o.state.code).toBe('pending_dispatch');
    expect(o.level).toBe('town');
    expect(o.handlerUnit).toBeNull();
    expect(o.counts.escalations).toBe(1);
    await expectEvent(o, 'escalate', 'handling', 'pending_dispatch', 'songling_station');
    expect(running(o)).toEqual(['dispatch']);
  });
});

describe('send-to-verify', () => {
  it('派核实 → 核实: the centre sends a report to the grid to verify; the worker confirms it with a photo and his location; the centre accepts', async () => {
    const f = await fixture('pending_accept');
    setClock(cst('2026-03-04 10:10'));
    const sent = await act(f, 'zx_operator', 'send-to-verify', { note: '请核实井盖是否缺失' });
    expect(sent.state.code).toBe('pending_verify');
    await expectEvent(sent, 'send-to-verify', 'pending_accept', 'pending_verify', 'zx_operator');
    expect(deadline(sent, 'accept').doneAt).toBe(cst('2026-03-04 10:10'));
    expect(deadline(sent, 'verify')).toMatchObject({ startedAt: cst('2026-03-04 10:10'), dueAt: cst('2026-03-04 13:40'), doneAt: null }); // 2 working hours, over the lunch break
    const station = await unitOfUser(s, 'songling_station');
    const told = await s.platform.db.query<{ template: string }>(
      `select template from outbox where order_id = $1 and template = 'order.verify' and recipient->>'unitId' = $2`,
      [f.id, String(station)],
    );
    expect(told.rows).toHaveLength(1);
    const worker = await s.as('songling_gridworker');
    expect((await worker.get(`/api/v1/orders/${f.id}`)).body.allowedActions).toContain('verify');
    expect((await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${f.id}`)).body.allowedActions).not.toContain('accept');

    setClock(cst('2026-03-04 11:00'));
    const photo = await upload(s, 'songling_gridworker');
    const checked = await act(f, 'songling_gridworker', 'verify', { confirmed: true, note: '现场井盖确已缺失', location: { lng: 120.646, lat: 31.163 }, attachments: [photo] });
    expect(checked.state.code).toBe('pending_accept');
    expect(checked.counts.verifications).toBe(1);
    const e = await expectEvent(checked, 'verify', 'pending_verify', 'pending_accept', 'songling_gridworker');
    expect(e.data).toMatchObject({ confirmed: true, location: { lng: 120.646, lat: 31.163 } });
    expect(e.attachmentIds).toEqual([photo]);
    expect(deadline(checked, 'verify').doneAt).toBe(cst('2026-03-04 11:00'));
    expect(deadline(checked, 'accept')).toMatchObject({ startedAt: cst('2026-03-04 11:00'), doneAt: null });
    expect((await act(f, 'zx_dispatcher', 'accept')).state.code).toBe('pending_dispatch');
  });
});

describe('verify', () => {
  it('a refuted report ends as not accepted, counted, with what the worker found', async () => {
    const f = await fixture('pending_accept');
    await act(f, 'zx_dispatcher', 'send-to-verify');
    setClock(cst('2026-03-04 10:30'));
    const o = await act(f, 'songling_gridworker', 'verify', { confirmed: false, note: '现场路灯正常亮灯，未发现问题' });
    expect(o).toMatchObject({ state: { code: 'rejected' }, closedAt: cst('2026-03-04 10:30'), counts: { verifications: 1 } });
    expect((await expectEvent(o, 'verify', 'pending_verify', 'rejected', 'songling_gridworker')).note).toBe('现场路灯正常亮灯，未发现问题');
    expect(running(o)).toEqual([]);
  });
});

describe('notices through the outbox (通知)', () => {
  const outbox = async (orderId: number) =>
    (
      await s.platform.db.query<{ template: string; channel: string; recipient: { kind: string; unitId?: number; phone?: string }; body: string }>(
        'select template, channel, recipient, body from outbox where order_id = $1 order by id',
        [orderId],
      )
    ).rows;

  it('the units an order is dispatched to, the centre a request waits at, and the citizen at acceptance and closing are told', async () => {
    const f = await fixture('pending_close', { coUnits: ['WJ-SWJ'], phone: '13912340001' });
    const [cgj, swj, centre] = [await unitId(s, 'WJ-CGJ'), await unitId(s, 'WJ-SWJ'), await unitId(s, 'WJ-ZX')];
    await act(f, 'zx_dispatcher', 'close');
    const sent = await outbox(f.id);
    const to = (template: string) => sent.filter((m) => m.template === template);
    expect(to('order.dispatched').map((m) => [m.channel, m.recipient.unitId])).toEqual([['inbox', cgj], ['inbox', swj]]);
    expect(to('order.dispatched')[1]!.body).toMatch(/收到协办工单/);
    expect(to('citizen.accepted').map((m) => [m.channel, m.recipient.phone])).toEqual([['sms', '13912340001']]);
    expect(to('citizen.accepted')[0]!.body).toContain(f.order.code);
    expect(to('citizen.closed').map((m) => m.recipient.phone)).toEqual(['13912340001']);

    const r = await fixture('handling', { request: 'extension' });
    const waiting = (await outbox(r.id)).filter((m) => m.template === 'order.request');
    expect(waiting.map((m) => [m.channel, m.recipient.unitId])).toEqual([['inbox', centre]]);
    expect(waiting[0]!.body).toMatch(/延期申请待审批，理由：需协调产权人/);
  });

  it('a citizen is told why his report was not accepted; a report without a number sends nothing', async () => {
    const f = await fixture('pending_accept', { phone: '13912340002' });
    await act(f, 'zx_dispatcher', 'reject', { reason: '不属于本平台受理范围' });
    const sms = (await outbox(f.id)).filter((m) => m.template === 'citizen.rejected');
    expect(sms.map((m) => m.body)).toEqual([expect.stringContaining('原因：不属于本平台受理范围')]);
    const silent = await fixture('pending_dispatch', { phone: null });
    expect((await outbox(silent.id)).filter((m) => m.channel === 'sms')).toEqual([]);
  });
});

describe('approvals at the level that dispatched (分中心值班长)', () => {
  it("a town's requests wait in the town shift lead's queue and are approved there; another town cannot", async () => {
    const station = await unitOfUser(s, 'songling_station');
    const code = (await s.platform.db.query<{ code: string }>('select code from units where id = $1', [station])).rows[0]!.code;
    const f = await fixture('handling', { channel: 'grid_patrol', dispatchTo: code, request: 'extension' });
    expect(f.order.dispatchUnit.id).toBe(await unitId(s, 'WJ-ZX-320509001'));
    const queue = async (who: string) => ((await (await s.as(who)).get('/api/v1/orders?awaitingMyApproval=true')).body.items as { id: number }[]).map((o) => o.id);
    expect(await queue('songling_shiftlead')).toContain(f.id);
    expect(await queue('zx_shiftlead')).not.toContain(f.id);
    expect((await (await s.as('songling_shiftlead')).get(`/api/v1/orders/${f.id}`)).body.allowedActions).toEqual(
      expect.arrayContaining(['approve-extension', 'deny-extension']),
    );
    expect((await (await s.as('shengze_shiftlead')).act(f.id, 'approve-extension', {})).status).toBe(404);
    const o = await act(f, 'songling_shiftlead', 'approve-extension');
    expect(o.pendingRequest).toBeNull();
    expect(await queue('songling_shiftlead')).not.toContain(f.id);
  });
});

describe('self-handle', () => {
  it('the grid worker solves a patrol report on the spot: closed in the grid, every clock stopped', async () => {
    const f = await fixture('pending_accept', { channel: 'grid_patrol', categoryCode: '09009' });
    const photo = await upload(s, 'songling_gridworker');
    setClock(cst('2026-03-04 10:15'));
    const o = await act(f, 'songling_gridworker', 'self-handle', { result: '已联系车主挪车', attachments: [photo] });
    expect(o.state.code).toBe('closed');
    expect(o.selfHandled).toBe(true);
    expect(o.solvedLevel).toBe('grid');
    expect(o.handlerUnit).toBeNull();
    expect(o.closedAt).toBe(cst('2026-03-04 10:15'));
    const e = await expectEvent(o, 'self-handle', 'pending_accept', 'closed', 'songling_gridworker');
    expect(e.note).toBe('已联系车主挪车');
    expect(e.attachmentIds).toEqual([photo]);
    expect(running(o)).toEqual([]);
  });

  it('the grid leader may do it from pending_dispatch', async () => {
    const f = await fixture('pending_dispatch', { channel: 'grid_patrol' });
    const o = await act(f, 'songling_gridleader', 'self-handle', { result: '已劝导整改' });
    expect(o.state.code).toBe('closed');
    await expectEvent(o, 'self-handle', 'pending_dispatch', 'closed', 'songling_gridleader');
  });
});

describe('feedback', () => {
  it('reports the result with photos: handle clock stops, the on-site check clock starts', async () => {
    const f = await fixture('handling');
    const photo = await upload(s, 'cgj_handler');
    setClock(cst('2026-03-04 11:00'));
    const o = await act(f, 'cgj_handler', 'feedback', { result: '条幅已拆除', attachments: [photo] });
    expect(o.state.code).toBe('pending_check');
    const e = await expectEvent(o, 'feedback', 'handling', 'pending_check', 'cgj_handler');
    expect(e.note).toBe('条幅已拆除');
    expect(e.attachmentIds).toEqual([photo]);
    expect(deadline(o, 'handle').doneAt).toBe(cst('2026-03-04 11:00'));
    // Default check limit: 1 working day → Thursday 11:00.
    expect(deadline(o, 'check')).toMatchObject({ startedAt: cst('2026-03-04 11:00'), dueAt: cst('2026-03-05 11:00'), doneAt: null, limit: { value: 1, unit: 'working_days' } });
    expect(running(o)).toEqual(['check']);
  });

  it('clears a request still waiting', async () => {
    const f = await fixture('handling', { request: 'extension' });
    const o = await act(f, 'cgj_handler', 'feedback', { result: '已提前办结' });
    expect(o.pendingRequest).toBeNull();
  });
});

describe('check', () => {
  it('passed, with a reporter to call: pending_callback; check clock stops, callback clock starts', async () => {
    const f = await fixture('pending_check');
    setClock(cst('2026-03-04 16:00'));
    const o = await act(f, 'songling_gridworker', 'check', { passed: true, note: '现场已整改' });
    expect(o.state.code).toBe('pending_callback');
    const e = await expectEvent(o, 'check', 'pending_check', 'pending_callback', 'songling_gridworker');
    expect(e.data).toEqual({ passed: true });
    expect(deadline(o, 'check').doneAt).toBe(cst('2026-03-04 16:00'));
    // The callback is due on the next working day: Thursday 16:00.
    expect(deadline(o, 'callback')).toMatchObject({ startedAt: cst('2026-03-04 16:00'), dueAt: cst('2026-03-05 16:00'), doneAt: null });
    expect(o.counts.reworks).toBe(0);
  });

  it('passed, with nobody to call back: pending_close, no callback clock', async () => {
    const f = await fixture('pending_check', { phone: null });
    const o = await act(f, 'zx_dispatcher', 'check', { passed: true });
    expect(o.state.code).toBe('pending_close');
    await expectEvent(o, 'check', 'pending_check', 'pending_close', 'zx_dispatcher');
    expect(steps(o)).not.toContain('callback');
    expect(running(o)).toEqual([]);
  });

  it('failed: back to the unit for rework (counted each time), the handle clock restarts', async () => {
    const f = await fixture('pending_check');
    setClock(cst('2026-03-04 11:00'));
    const o = await act(f, 'songling_gridworker', 'check', { passed: false, note: '条幅仍在' });
    expect(o.state.code).toBe('handling');
    expect(o.counts.reworks).toBe(1);
    expect(o.handlerUnit.id).toBe(await unitId(s, 'WJ-CGJ'));
    const e = await expectEvent(o, 'check', 'pending_check', 'handling', 'songling_gridworker');
    expect(e.data).toEqual({ passed: false });
    expect(e.note).toBe('条幅仍在');
    expect(deadline(o, 'check').doneAt).toBe(cst('2026-03-04 11:00'));
    expect(deadline(o, 'handle')).toMatchObject({ startedAt: cst('2026-03-04 11:00'), dueAt: cst('2026-03-05 11:00'), doneAt: null, limit: { value: 1, unit: 'working_days' } });
    // Rework again: counted twice.
    await act(f, 'cgj_handler', 'feedback', { result: '已再次整改' });
    const o2 = await act(f, 'songling_gridworker', 'check', { passed: false });
    expect(o2.counts.reworks).toBe(2);
  });
});

describe('callback', () => {
  it("records the citizen's satisfaction on the order and the reporter; the callback clock stops", async () => {
    const f = await fixture('pending_callback');
    const reporterId = f.order.reporters[0].id;
    expect(reporterId).toEqual(expect.any(Number));
    setClock(cst('2026-03-04 15:00'));
    const o = await act(f, 'zx_operator', 'callback', { satisfaction: 'basically_satisfied', substantive: false, reporterId, note: '电话回访' });
    expect(o.state.code).toBe('pending_close');
    expect(o.satisfaction).toBe('basically_satisfied');
    expect(o.reporters[0].satisfaction).toBe('basically_satisfied');
    const e = await expectEvent(o, 'callback', 'pending_callback', 'pending_close', 'zx_operator');
    expect(e.data).toMatchObject({ satisfaction: 'basically_satisfied', substantive: false, reporterId });
    expect(deadline(o, 'callback').doneAt).toBe(cst('2026-03-04 15:00'));
    expect(running(o)).toEqual([]);
  });
});

describe('reopen', () => {
  it('the dispatcher judges a dissatisfied callback substantive: the same unit handles it again, reopen counted, satisfaction cleared, clocks restart', async () => {
    const f = await fixture('pending_callback');
    await act(f, 'zx_operator', 'callback', { satisfaction: 'dissatisfied', substantive: false });
    setClock(cst('2026-03-04 13:30'));
    const o = await act(f, 'zx_dispatcher', 'reopen', { reason: '群众反映问题未解决' });
    expect(o.state.code).toBe('pending_sign');
    expect(o.counts.reopens).toBe(1);
    expect(o.satisfaction).toBeNull();
    expect(o.handlerUnit.id).toBe(await unitId(s, 'WJ-CGJ'));
    const e = await expectEvent(o, 'reopen', 'pending_close', 'pending_sign', 'zx_dispatcher');
    expect(e.note).toBe('群众反映问题未解决');
    expect(e.data).toMatchObject({ previousSatisfaction: 'dissatisfied' });
    expect(deadline(o, 'sign')).toMatchObject({ startedAt: cst('2026-03-04 13:30'), dueAt: cst('2026-03-04 14:30'), doneAt: null });
    // 13:30 + 7.5 working hours: 4 h this afternoon, 3.5 h on Thursday morning, ending with the period at 12:00.
    expect(deadline(o, 'handle')).toMatchObject({ startedAt: cst('2026-03-04 13:30'), dueAt: cst('2026-03-05 12:00'), doneAt: null });
    expect(running(o)).toEqual(['handle', 'sign']);
    expect((await act(f, 'cgj_handler', 'sign')).state.code).toBe('handling');
  });
});

describe('close', () => {
  it('closes the order: closedAt, the level that solved it, every clock stopped', async () => {
    const f = await fixture('pending_close', { dispatchTo: 'WJ-JTJ' });
    setClock(cst('2026-03-04 17:00'));
    const o = await act(f, 'zx_dispatcher', 'close', { note: '办结' });
    expect(o.state.code).toBe('closed');
    expect(o.state.type).toBe('closed');
    expect(o.closedAt).toBe(cst('2026-03-04 17:00'));
    expect(o.solvedLevel).toBe('district');
    expect(o.satisfaction).toBe('satisfied');
    expect((await expectEvent(o, 'close', 'pending_close', 'closed', 'zx_dispatcher')).note).toBe('办结');
    expect(running(o)).toEqual([]);
  });

  it('an order handled by the enforcement bureau counts as solved by enforcement', async () => {
    const f = await fixture('pending_close', { phone: null }); // CGJ, no callback
    const o = await act(f, 'zx_shiftlead', 'close');
    expect(o.state.code).toBe('closed');
    expect(o.solvedLevel).toBe('enforcement');
    await expectEvent(o, 'close', 'pending_close', 'closed', 'zx_shiftlead');
  });
});

describe('force-close', () => {
  it('the shift lead closes a suspended order with a waiting request: request, suspension and clocks all end', async () => {
    const f = await fixture('suspended', { request: 'void' });
    expect(f.order.pendingRequest).toMatchObject({ kind: 'void' });
    setClock(cst('2026-03-04 16:00'));
    const o = await act(f, 'zx_shiftlead', 'force-close', { reason: '领导批示强制结案' });
    expect(o.state.code).toBe('closed');
    expect(o.pendingRequest).toBeNull();
    expect(o.closedAt).toBe(cst('2026-03-04 16:00'));
    const e = await expectEvent(o, 'force-close', 'suspended', 'closed', 'zx_shiftlead');
    expect(e.note).toBe('领导批示强制结案');
    expect(e.data).toEqual({ forced: true, droppedRequest: 'void' }); // the waiting void request is recorded as dropped
    expect(running(o)).toEqual([]);
  });

  it('from pending_accept', async () => {
    const f = await fixture('pending_accept');
    const o = await act(f, 'zx_shiftlead', 'force-close', { reason: '已电话解答' });
    expect(o.state.code).toBe('closed');
    await expectEvent(o, 'force-close', 'pending_accept', 'closed', 'zx_shiftlead');
  });
});

describe('merge', () => {
  it('closes duplicates as merged under the order; their reporters move over so every one can be called back', async () => {
    const main = await fixture('pending_dispatch', { reporterName: '王一', phone: '13900000001' });
    const d1 = await fixture('pending_accept', { reporterName: '王二', phone: '13900000002' });
    const d2 = await fixture('pending_dispatch', { reporterName: '王三', phone: '13900000003' });
    setClock(cst('2026-03-04 10:10'));
    const o = await act(main, 'zx_dispatcher', 'merge', { duplicateIds: [d2.id, d1.id], note: '同一事件多次反映' });
    expect(o.state.code).toBe('pending_dispatch');
    const e = await expectEvent(o, 'merge', 'pending_dispatch', 'pending_dispatch', 'zx_dispatcher');
    expect(e.data).toMatchObject({ duplicateIds: [d1.id, d2.id].sort((a, b) => a - b), duplicateCodes: expect.arrayContaining([d1.code, d2.code]) });
    expect(o.reporters).toHaveLength(3);
    const from = o.reporters.map((r: { fromOrderId: number | null }) => r.fromOrderId ?? 0).sort((a: number, b: number) => a - b);
    expect(from).toEqual([0, d1.id, d2.id].sort((a, b) => a - b));
    expect(o.reporters.map((r: { phone: string }) => r.phone).sort()).toEqual(['139****0001', '139****0002', '139****0003']);

    const admin = await s.as('admin');
    for (const [d, from] of [
      [d1, 'pending_accept'],
      [d2, 'pending_dispatch'],
    ] as const) {
      const dup = expectOk(await admin.get(`/api/v1/orders/${d.id}`), 'read duplicate');
      expect(dup.state.code).toBe('merged');
      expect(dup.mergedIntoId).toBe(main.id);
      expect(dup.closedAt).toBe(cst('2026-03-04 10:10'));
      expect(dup.timeline.at(-1)).toMatchObject({ action: 'merged-into', fromState: from, toState: 'merged', actor: { id: await uid('zx_dispatcher') }, data: { intoOrderId: main.id } });
      expect(running(dup)).toEqual([]);
    }
    // Duplicates keep their own reporter too.
    expect((await admin.get(`/api/v1/orders/${d1.id}`)).body.reporters).toHaveLength(1);
  });
});
