/**
 * 来电历史 (GET /api/v1/caller-history): a caller's orders by his number however it was typed, flagged as a
 * repeated caller and by repeated places with the warning rules' own thresholds; an anonymous report is never
 * found by its number; only roles that see numbers in full may look one up, each lookup is audited, and an operator
 * of one town counts and sees only his town's orders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerHistory } from '@liandong/contracts';
import { newKey, startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder, orderBody } from './order-fixtures.ts';

let s: TestServer;
const PHONE = '13955550001';
const SONGLING = '320509001000';

beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

const history = async (who: string, query: string) => (await s.as(who)).request<CallerHistory>('GET', `/api/v1/caller-history?${query}`);

/** An operator of the Songling sub-centre who sees Songling only (signed in with the demo password). */
async function townOperator(): Promise<string> {
  const admin = await s.as('admin');
  const created = await admin.post('/api/v1/admin/users', {
    username: 'sl_operator',
    displayName: '松陵分中心话务员',
    unitId: await unitId(s, 'WJ-ZX-320509001'),
    roles: ['operator'],
    scopeAreaCodes: [SONGLING],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await s.platform.db.query(
    `update users set password_hash = (select password_hash from users where username = 'zx_operator'), must_change_password = false where username = 'sl_operator'`,
  );
  return 'sl_operator';
}

describe('a caller’s history', () => {
  let lines: CallerHistory['repeatedCaller'];
  let place: CallerHistory['placeRule'];
  const songling: number[] = [];
  let shengze = 0;

  it('starts empty, with the warning rules’ lines', async () => {
    const r = await history('zx_operator', `phone=${PHONE}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ phone: PHONE, calls: 0, orders: 0, firstCallAt: null, total: 0, items: [] });
    const rules = (await (await s.as('admin')).get('/api/v1/warning-rules')).body as { kind: string; enabled: boolean; params: Record<string, unknown> }[];
    lines = r.body.repeatedCaller;
    place = r.body.placeRule;
    expect(lines).toMatchObject({ flagged: false, recentCalls: 0, minCalls: rules.find((x) => x.kind === 'repeat_caller')!.params.minCalls });
    expect(place.radiusMetres).toBe(rules.find((x) => x.kind === 'repeat_place')!.params.radiusMetres);
  });

  it('counts each call, finds the number however it was typed, and flags a repeated caller at the rule’s line', async () => {
    // One call about Shengze, then calls about one Songling spot until one short of the line.
    shengze = (await createOrder(s, { phone: PHONE, gridWorker: 'shengze_gridworker', categoryCode: '06006' })).id;
    while (songling.length < lines.minCalls - 2) songling.push((await createOrder(s, { phone: PHONE })).id);
    let r = await history('zx_operator', `phone=${PHONE}`);
    expect(r.body).toMatchObject({ calls: lines.minCalls - 1, orders: lines.minCalls - 1, total: lines.minCalls - 1 });
    expect(r.body.repeatedCaller).toMatchObject({ flagged: false, recentCalls: lines.minCalls - 1 });
    // The next call typed the way a caller reads it out: +86 and dashes.
    const body = await orderBody(s, { phone: null });
    const typed = await (await s.as('zx_operator')).post('/api/v1/orders', { ...body, reporter: { name: '王五', phone: '+86-139-5555-0001' } }, { 'idempotency-key': newKey('ch') });
    expect(typed.status, JSON.stringify(typed.body)).toBe(201);
    songling.push(typed.body.id);
    for (const asked of [PHONE, '+8613955550001', '139-5555-0001']) {
      r = await history('zx_operator', `phone=${encodeURIComponent(asked)}`);
      expect({ asked, calls: r.body.calls, flagged: r.body.repeatedCaller.flagged }).toEqual({ asked, calls: lines.minCalls, flagged: true });
      expect(r.body.items.map((i) => i.order.id).sort()).toEqual([...songling, shengze].sort());
    }
    expect(r.body.firstCallAt! <= r.body.lastCallAt!).toBe(true);
  });

  it('flags the orders at a place reported again and again, not the one elsewhere', async () => {
    const r = await history('zx_operator', `phone=${PHONE}`);
    const byId = new Map(r.body.items.map((i) => [i.order.id, i]));
    expect(byId.get(shengze)).toMatchObject({ placeOrders: 1, repeatedPlace: false });
    // The Songling calls lie at one spot, of one class (the fixtures' default).
    expect(songling.length).toBeGreaterThanOrEqual(place.minOrders);
    for (const id of songling) expect(byId.get(id)).toMatchObject({ placeOrders: songling.length, repeatedPlace: true });
  });

  it('never finds an anonymous report by its number, nor counts it', async () => {
    const body = await orderBody(s, { phone: null });
    const anonymous = await (await s.as('zx_operator')).post('/api/v1/orders', { ...body, reporter: { phone: PHONE, anonymous: true } }, { 'idempotency-key': newKey('anon') });
    expect(anonymous.status, JSON.stringify(anonymous.body)).toBe(201);
    const r = await history('zx_operator', `phone=${PHONE}`);
    expect(r.body.calls).toBe(lines.minCalls);
    expect(r.body.items.map((i) => i.order.id)).not.toContain(anonymous.body.id);
    const list = await (await s.as('zx_operator')).get(`/api/v1/orders?phone=${PHONE}&pageSize=50`);
    expect(list.body.items.map((o: { id: number }) => o.id)).not.toContain(anonymous.body.id);
  });

  it('is logged with who asked for which number', async () => {
    await history('zx_operator', 'phone=13955550002');
    const log = (await (await s.as('admin')).get('/api/v1/audit?action=search_by_phone')).body;
    expect(log.items[0]).toMatchObject({ username: 'zx_operator', details: { phone: '13955550002' }, ip: '127.0.0.1' });
  });

  it('is refused to roles that see numbers masked, naming the field, and to bad numbers', async () => {
    for (const who of ['zx_dispatcher', 'leader', 'cgj_handler', 'songling_gridworker']) {
      const r = await history(who, `phone=${PHONE}`);
      expect({ who, status: r.status, field: (r.body as never as { error: { field: string } }).error?.field }).toEqual({ who, status: 403, field: 'phone' });
    }
    for (const bad of ['phone=abc', 'phone=1', '', `phone=${PHONE}&pageSize=0`]) {
      const r = await (await s.as('zx_operator', 'en')).get(`/api/v1/caller-history?${bad}`);
      expect({ bad, status: r.status }).toEqual({ bad, status: 400 });
      expect(r.body.error.field).toMatch(/^(phone|pageSize)$/);
    }
  });

  it('counts and lists only what an operator of one town may see', async () => {
    const r = await history(await townOperator(), `phone=${PHONE}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.order.id)).not.toContain(shengze);
    expect(r.body.items.map((i) => i.order.id).sort()).toEqual([...songling].sort());
    expect(r.body.calls).toBe(songling.length);
  });
});
