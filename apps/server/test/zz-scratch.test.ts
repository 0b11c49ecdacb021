import { afterAll, beforeAll, it } from 'vitest';
import { startTestServer, newKey, type TestServer } from './harness.ts';
import { orderBody } from './order-fixtures.ts';
let s: TestServer;
beforeAll(async () => { s = await startTestServer(); });
afterAll(() => s?.close());
it('smoke', async () => {
  const op = await s.as('zx_operator');
  const body = await orderBody(s);
  const key = newKey();
  const c = await op.post('/api/v1/orders', body, { 'idempotency-key': key });
  console.log('create', c.status, JSON.stringify(c.body.reporters));
  const c2 = await op.post('/api/v1/orders', body, { 'idempotency-key': key });
  console.log('replay', c2.status, JSON.stringify(c2.body.reporters));
  const d = await (await s.as('zx_dispatcher')).act(c.body.id, 'accept', {});
  console.log('accept', JSON.stringify(d.body.reporters));
  const st = await (await s.as('zx_operator')).act(c.body.id, 'request-void', {reason: 'x'});
  console.log('op action', JSON.stringify(st.body.reporters));
});
