/**
 * Order numbers (工单编号) as operators, SMS and citizens speak them: 'LD' + the date in China + the id, one to one
 * with the id even after retried creates (a retry once consumed an id but not a number, and they drifted apart),
 * and usable wherever a path takes an order id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type Client, type TestServer } from './harness.ts';
import { orderBody } from './order-fixtures.ts';

let s: TestServer;
let operator: Client;
let body: Record<string, unknown>;
beforeAll(async () => {
  s = await startTestServer();
  operator = await s.as('zx_operator');
  body = await orderBody(s);
});
afterAll(() => s?.close());

const numberOf = (id: number, at: string) => `LD${at.slice(0, 10).replaceAll('-', '')}${String(id).padStart(6, '0')}`;

describe('order numbers', () => {
  it('follow the ids one to one, retried creates included', async () => {
    const key = newKey('num');
    const first = await operator.post('/api/v1/orders', body, { 'idempotency-key': key });
    const retried = await operator.post('/api/v1/orders', body, { 'idempotency-key': key });
    const next = await operator.post('/api/v1/orders', body, { 'idempotency-key': newKey('num') });
    expect([first.status, retried.status, next.status]).toEqual([201, 200, 201]);
    expect(retried.body.id).toBe(first.body.id);
    for (const o of [first.body, next.body]) expect(o.code).toBe(numberOf(o.id, new Date(Date.parse(o.createdAt) + 8 * 3600_000).toISOString()));
  });

  it('name an order wherever its id does: reading, acting, supervising', async () => {
    const created = await operator.post('/api/v1/orders', body, { 'idempotency-key': newKey('num') });
    const { id, code } = created.body;
    const byNumber = await operator.request('GET', `/api/v1/orders/${code}`);
    expect([byNumber.status, byNumber.body.id]).toEqual([200, id]);
    const dispatcher = await s.as('zx_dispatcher');
    const accepted = await dispatcher.request('POST', `/api/v1/orders/${code}/actions/accept`, {});
    expect([accepted.status, accepted.body.id, accepted.body.state.code]).toEqual([200, id, 'pending_dispatch']);
    const supervisions = await (await s.as('zx_supervisor')).request('GET', `/api/v1/orders/${code}/supervisions`);
    expect(supervisions.status).toBe(200);
  });

  it('an unknown number is 404 like an order out of scope, and a malformed one is 400 naming the field', async () => {
    const unknown = await operator.request('GET', '/api/v1/orders/LD20261201999999');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);
    const malformed = await operator.request('GET', '/api/v1/orders/LD2026');
    expect([malformed.status, malformed.body.error.field]).toEqual([400, 'id']);
    // Out of scope by number: a town handler cannot reach a district order by its number either.
    const created = await operator.post('/api/v1/orders', body, { 'idempotency-key': newKey('num') });
    const foreign = await (await s.as('swj_handler')).request('GET', `/api/v1/orders/${created.body.code}`);
    expect(foreign.status).toBe(404);
  });
});
