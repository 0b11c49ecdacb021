/**
 * Personal data (SPEC §9). Once a search by phone number let any dispatcher confirm a masked number
 * (139****0001) in at most 10⁴ tries, matched confidential and anonymous orders, and left no trace; and a
 * confidential order merged into a normal one showed its reporter masked instead of hidden. Now only the
 * roles that see numbers in full may search by them, every search and every unmasking leaves an audit row
 * an administrator can read, and a merged reporter keeps his own order's protection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { createOrder, orderBody, orderIn } from './order-fixtures.ts';

let s: TestServer;

beforeAll(async () => {
  s = await startTestServer();
});

afterAll(async () => {
  await s?.close();
});

const audit = async (query: string) => (await (await s.as('admin')).get(`/api/v1/audit?${query}`)).body;

describe('searching orders by phone number', () => {
  it('is refused to every role that sees numbers masked, naming the field', async () => {
    await orderIn(s, 'pending_dispatch', { phone: '13900000001' });
    for (const who of ['zx_dispatcher', 'zx_shiftlead', 'zx_supervisor', 'leader', 'cgj_handler', 'songling_dispatcher', 'citizen']) {
      const r = await (await s.as(who)).get('/api/v1/orders?phone=13900000001');
      expect({ who, status: r.status, field: r.body.error?.field }).toEqual({ who, status: 403, field: 'phone' });
    }
  });

  it('works for the hotline operator and is logged with who, what and from where', async () => {
    const f = await createOrder(s, { phone: '13900000077' });
    const r = await (await s.as('zx_operator')).get('/api/v1/orders?phone=13900000077');
    expect(r.status).toBe(200);
    expect(r.body.items.map((o: { id: number }) => o.id)).toContain(f.id);
    const log = await audit('action=search_by_phone');
    expect(log.items[0]).toMatchObject({ username: 'zx_operator', action: 'search_by_phone', details: { phone: '13900000077' }, ip: '127.0.0.1' });
  });
});

describe('the audit trail', () => {
  it('records every view of a reporter in full; administrators alone read it', async () => {
    const f = await createOrder(s, { phone: '13900000088', reporterName: '赵六' });
    const before = (await audit(`orderId=${f.id}`)).total;
    const seen = await (await s.as('zx_operator')).get(`/api/v1/orders/${f.id}`);
    expect(seen.body.reporters[0]).toMatchObject({ name: '赵六', phone: '13900000088' });
    const masked = await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${f.id}`);
    expect(masked.body.reporters[0]).toMatchObject({ name: '赵*', phone: '139****0088' });
    const log = await audit(`orderId=${f.id}&action=view_reporter`);
    expect(log.total).toBe(before + 1);
    expect(log.items[0]).toMatchObject({ username: 'zx_operator', orderId: f.id, details: { reporterIds: [seen.body.reporters[0].id] } });
    for (const who of ['zx_supervisor', 'leader', 'zx_operator']) expect((await (await s.as(who)).get('/api/v1/audit')).status).toBe(403);
    expect((await (await s.as('admin')).get('/api/v1/audit?from=yesterday')).body.error.field).toBe('from');
  });
});

describe('merging a confidential order', () => {
  it('keeps the merged reporter hidden from those who may not see him, while the order’s own reporter stays masked', async () => {
    const main = await orderIn(s, 'pending_dispatch', { phone: '13900000011', reporterName: '钱一' });
    const operator = await s.as('zx_operator');
    const secret = await operator.post(
      '/api/v1/orders',
      { ...(await orderBody(s, { phone: '13900000012', reporterName: '孙二' })), confidential: true },
      { 'idempotency-key': newKey('conf') },
    );
    expect(secret.status).toBe(201);
    const merged = await (await s.as('zx_dispatcher')).act(main.id, 'merge', { duplicateIds: [secret.body.id] });
    expect(merged.status).toBe(200);
    const view = (await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${main.id}`)).body;
    const own = view.reporters.find((r: { fromOrderId: number | null }) => r.fromOrderId === null);
    const fromSecret = view.reporters.find((r: { fromOrderId: number | null }) => r.fromOrderId === secret.body.id);
    expect(own).toMatchObject({ name: '钱*', phone: '139****0011' });
    expect(fromSecret).toMatchObject({ name: null, phone: null });
    // The hotline still sees him, to call back.
    const full = (await operator.get(`/api/v1/orders/${main.id}`)).body.reporters.find((r: { fromOrderId: number | null }) => r.fromOrderId === secret.body.id);
    expect(full).toMatchObject({ name: '孙二', phone: '13900000012' });
  });
});

describe("revealing a reporter's number to call him back (查看号码)", () => {
  const reveal = async (who: string, orderId: number, reporterId: number, body: unknown = { reason: '约定上门查看时间' }) =>
    (await s.as(who)).request('POST', `/api/v1/orders/${orderId}/reporters/${reporterId}/phone`, body);

  it('the handling and co-handling units and the dispatching desk may, with a reason, each reveal audited', async () => {
    const f = await orderIn(s, 'handling', { phone: '13900000123', coUnits: ['WJ-SWJ'] });
    const reporter = f.order.reporters[0]!;
    const seen = (await (await s.as('cgj_handler')).get(`/api/v1/orders/${f.id}`)).body;
    expect(seen.reporters[0].phone).toBe('139****0123');
    expect(seen.mayRevealPhone).toBe(true); // the console offers the button exactly when the server would answer
    expect((await (await s.as('songling_gridworker')).get(`/api/v1/orders/${f.id}`)).body.mayRevealPhone).toBe(false);
    for (const who of ['cgj_handler', 'swj_handler', 'zx_dispatcher']) {
      const r = await reveal(who, f.id, reporter.id);
      expect({ who, status: r.status, body: r.body }).toEqual({ who, status: 200, body: { reporterId: reporter.id, phone: '13900000123' } });
    }
    const log = await audit(`action=reveal_phone&orderId=${f.id}`);
    expect(log.error, JSON.stringify(log)).toBeUndefined();
    expect(log.items.map((e: { username: string }) => e.username).sort()).toEqual(['cgj_handler', 'swj_handler', 'zx_dispatcher']);
    expect(log.items[0]).toMatchObject({ action: 'reveal_phone', orderId: f.id, details: { reporterId: reporter.id, reason: '约定上门查看时间' } });
  });

  it('is refused without a reason, to those not handling it, outside the scope, and on confidential or anonymous reports — and leaves no trace then', async () => {
    const f = await orderIn(s, 'handling', { phone: '13900000124' });
    const reporter = f.order.reporters[0]!;
    const bad = await reveal('cgj_handler', f.id, reporter.id, {});
    expect({ status: bad.status, field: bad.body.error.field }).toEqual({ status: 400, field: 'reason' });
    expect((await reveal('songling_gridworker', f.id, reporter.id)).status).toBe(403); // sees the order, does not handle it
    expect((await reveal('hbj_handler', f.id, reporter.id)).status).toBe(404);
    expect((await reveal('cgj_handler', f.id, 999_999_999)).status).toBe(404);

    const secret = await (await s.as('zx_operator')).post('/api/v1/orders', { ...(await orderBody(s, { phone: '13900000125' })), confidential: true }, { 'idempotency-key': newKey('secret') });
    const sr = secret.body.reporters[0]!.id!;
    expect((await reveal('zx_dispatcher', secret.body.id, sr)).status).toBe(403);
    expect((await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${secret.body.id}`)).body.mayRevealPhone).toBe(false);
    const anon = await (await s.as('zx_operator')).post(
      '/api/v1/orders',
      { ...(await orderBody(s, { phone: null })), reporter: { phone: '13900000126', anonymous: true } },
      { 'idempotency-key': newKey('anon') },
    );
    expect((await reveal('zx_dispatcher', anon.body.id, anon.body.reporters[0]!.id!)).status).toBe(403);
    expect((await audit(`action=reveal_phone&orderId=${f.id}`)).items).toEqual([]);
  });
});
