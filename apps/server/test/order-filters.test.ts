/**
 * The order list's filters as a queue asks for them (待审批, 超时, 红黄灯, 督办, 协办, 层级), and strict query strings:
 * an unknown or malformed filter is a 400 naming it, never silently ignored (it used to return everything).
 * The server runs on a manual clock so "overdue" and the lights are decided by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';
import { orderIn, type Fixture } from './order-fixtures.ts';

let s: TestServer;
let nowMs = Date.parse('2026-03-04T02:00:00Z'); // Wednesday 10:00 in China
let extension: Fixture;
let coHandled: Fixture;
let fresh: Fixture;
let supervised: Fixture;
let suspendedLate: Fixture;
let suspendedInTime: Fixture;

beforeAll(async () => {
  s = await startTestServer({ clock: () => new Date(nowMs) });
  extension = await orderIn(s, 'handling', { request: 'extension' });
  coHandled = await orderIn(s, 'pending_sign', { coUnits: ['WJ-SWJ'] });
  supervised = await orderIn(s, 'pending_sign');
  const raised = await (await s.as('zx_supervisor')).post(`/api/v1/orders/${supervised.id}/supervisions`, { level: 1, note: '请尽快签收' });
  expect(raised.status).toBe(201);
  suspendedLate = await orderIn(s, 'pending_sign');
  suspendedInTime = await orderIn(s, 'suspended', { suspendFrom: 'pending_sign' });
  nowMs += 3 * 24 * 3600_000; // Saturday: every clock started on Wednesday is past due
  s.forgetSessions();
  const late = await (await s.as('zx_shiftlead')).act(suspendedLate.id, 'suspend', { reason: '涉及规划调整，需等待批复' });
  expect(late.status).toBe(200);
  fresh = await orderIn(s, 'pending_accept');
});
afterAll(() => s?.close());

const ids = async (username: string, query: string): Promise<number[]> => {
  const r = await (await s.as(username)).request('GET', `/api/v1/orders?pageSize=200&${query}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items.map((o: { id: number }) => o.id);
};

describe('the order list filters', () => {
  it('pendingRequest and awaitingMyApproval: the shift lead sees what waits for him, a dispatcher nothing', async () => {
    expect(await ids('zx_shiftlead', 'pendingRequest=extension')).toContain(extension.id);
    expect(await ids('zx_shiftlead', 'pendingRequest=void')).not.toContain(extension.id);
    const mine = await ids('zx_shiftlead', 'awaitingMyApproval=true');
    expect(mine).toContain(extension.id);
    expect(mine).not.toContain(coHandled.id);
    expect(await ids('zx_dispatcher', 'awaitingMyApproval=true')).toEqual([]);
    expect(await ids('zx_shiftlead', 'awaitingMyApproval=false')).not.toContain(extension.id);
  });

  it('overdue: running steps past their deadline now; a new order is not', async () => {
    const late = await ids('zx_dispatcher', 'overdue=true');
    expect(late).toEqual(expect.arrayContaining([coHandled.id, supervised.id]));
    expect(late).not.toContain(fresh.id);
    // A suspended order reads as its clocks stood when it was suspended, as in the order view.
    expect(late).toContain(suspendedLate.id);
    expect(late).not.toContain(suspendedInTime.id);
    expect(await ids('zx_dispatcher', 'overdue=false')).toContain(fresh.id);
  });

  it('supervised, coHandledByMe and level', async () => {
    expect(await ids('zx_dispatcher', 'supervised=true')).toContain(supervised.id);
    expect(await ids('zx_dispatcher', 'supervised=true')).not.toContain(coHandled.id);
    expect(await ids('swj_handler', 'coHandledByMe=true')).toEqual([coHandled.id]);
    expect(await ids('cgj_handler', 'coHandledByMe=true')).not.toContain(coHandled.id);
    expect(await ids('zx_dispatcher', 'level=district')).toContain(fresh.id);
    expect(await ids('zx_dispatcher', 'level=grid')).not.toContain(fresh.id);
    expect(await ids('zx_dispatcher', 'state=pending_sign,handling')).toEqual(expect.arrayContaining([coHandled.id, extension.id]));
  });

  it('stateType: exactly the orders whose state is of those types', async () => {
    const all = (await (await s.as('zx_dispatcher')).request('GET', '/api/v1/orders?pageSize=200')).body.items as { id: number; state: { type: string } }[];
    expect(all.length).toBeLessThan(200);
    for (const types of ['new', 'handling,suspended', 'open,closed']) {
      const listed = await ids('zx_dispatcher', `stateType=${types}`);
      expect(listed.sort()).toEqual(all.filter((o) => types.split(',').includes(o.state.type)).map((o) => o.id).sort());
    }
    expect(await ids('zx_dispatcher', 'stateType=suspended')).toEqual(expect.arrayContaining([suspendedLate.id, suspendedInTime.id]));
  });

  it('light: the same worst light the order view shows, yellow from 80% of the limit in working time', async () => {
    // Monday 09:20: the order made on Saturday waits to be accepted within one working hour (due 09:30), so
    // it turned yellow at 09:18; the Wednesday orders are red; the one suspended in time reads green.
    nowMs = Date.parse('2026-03-09T01:20:00Z');
    s.forgetSessions();
    const all = (await (await s.as('zx_dispatcher')).request('GET', '/api/v1/orders?pageSize=200')).body.items as { id: number; light: string | null }[];
    const lightOf = new Map(all.map((o) => [o.id, o.light]));
    expect([fresh, suspendedInTime, supervised].map((o) => lightOf.get(o.id))).toEqual(['yellow', 'green', 'red']);
    for (const light of ['green', 'yellow', 'red']) {
      const listed = await ids('zx_dispatcher', `light=${light}`);
      expect(listed.sort()).toEqual(all.filter((o) => o.light === light).map((o) => o.id).sort());
    }
    expect((await ids('zx_dispatcher', 'light=yellow,red')).length).toBe(all.filter((o) => o.light === 'yellow' || o.light === 'red').length);
    // Overdue is exactly red: a running clock past its due time, read when a suspended order stopped.
    const red = all.filter((o) => o.light === 'red').map((o) => o.id);
    expect((await ids('zx_dispatcher', 'overdue=true')).sort()).toEqual(red.sort());
    expect((await ids('zx_dispatcher', 'overdue=false')).sort()).toEqual(all.map((o) => o.id).filter((id) => !red.includes(id)).sort());
    nowMs = Date.parse('2026-03-09T01:17:00Z');
    s.forgetSessions();
    expect(await ids('zx_dispatcher', 'light=yellow')).not.toContain(fresh.id);
    expect(await ids('zx_dispatcher', 'light=green')).toContain(fresh.id);
  });
});

describe('strict query strings', () => {
  it.each([
    ['sort=created_at', 'sort'],
    ['format=csv', 'format'],
    ['pendingRequest=holiday', 'pendingRequest'],
    ['state=open', 'state'],
    ['state=handling,', 'state'],
    ['stateType=finished', 'stateType'],
    ['level=city', 'level'],
    ['overdue=maybe', 'overdue'],
    ['light=blue', 'light'],
    ['unitId=abc', 'unitId'],
  ])('GET /api/v1/orders?%s → 400 naming %s', async (query, field) => {
    const r = await (await s.as('zx_dispatcher')).request('GET', `/api/v1/orders?${query}`);
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'invalid_field', field]);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('every other list refuses an unknown filter too, in English on request', async () => {
    const admin = await s.as('admin', 'en');
    for (const path of ['/api/v1/messages?colour=red', '/api/v1/inbox?colour=red', '/api/v1/audit?colour=red', '/api/v1/catalogue/categories?colour=red']) {
      const r = await admin.request('GET', path, undefined, { 'accept-language': 'en' });
      expect({ path, status: r.status, field: r.body?.error?.field }).toEqual({ path, status: 400, field: 'colour' });
      expect(r.body.error.message).toMatch(/not an allowed field/);
    }
  });
});
