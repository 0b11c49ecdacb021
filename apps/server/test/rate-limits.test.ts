/**
 * Rate limits (issue 6, defect 12): intake per account (citizens a few per minute, staff far more), uploads
 * per account (count and bytes), the public routes per address; a refusal is 429 with Retry-After and the
 * usual error shape. The numbers come from the LIANDONG_RATE_* environment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridOf, newKey, pointInGrid, startTestServer, type TestServer } from './harness.ts';
import { orderBody } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  process.env.LIANDONG_RATE_INTAKE_CITIZEN = '3';
  process.env.LIANDONG_RATE_INTAKE_STAFF = '50';
  process.env.LIANDONG_RATE_UPLOAD_FILES = '2';
  process.env.LIANDONG_RATE_UPLOAD_MB = '10';
  process.env.LIANDONG_RATE_PUBLIC = '5';
  s = await startTestServer();
});
afterAll(() => s?.close());

function expect429(r: { status: number; headers: Headers; body: any }) {
  expect(r.status).toBe(429);
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(r.body.error.code).toBe('rate_limited');
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

async function uploadAs(username: string, bytes: number) {
  const c = await s.as(username);
  const res = await fetch(`${s.base}/api/v1/files?name=p.jpg`, {
    method: 'POST',
    headers: { authorization: `Bearer ${c.token}`, 'content-type': 'image/jpeg' },
    // JPEG's first bytes, then filler: the server takes it for a (damaged) photo and keeps it as sent.
    body: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(Math.max(0, bytes - 4), 1)]),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

describe('rate limits', () => {
  it('a citizen registers a few orders a minute, then 429 with Retry-After; staff are not held by his limit', async () => {
    const citizen = await s.as('citizen');
    const point = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
    const body = { channel: 'app', nature: 'report', description: '垃圾堆积', location: point };
    for (let i = 0; i < 3; i++) expect((await citizen.post('/api/v1/orders', body, { 'idempotency-key': newKey('rl') })).status).toBe(201);
    const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
    expect429(await citizen.post('/api/v1/orders', body, { 'idempotency-key': newKey('rl') }));
    const en = await (await s.as('citizen', 'en')).post('/api/v1/orders', body, { 'idempotency-key': newKey('rl') });
    expect(en.status).toBe(429);
    expect(en.body.error.message).toMatch(/Too many requests/);
    expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n).toBe(before);
    const operator = await s.as('zx_operator');
    const staffBody = await orderBody(s);
    for (let i = 0; i < 5; i++) expect((await operator.post('/api/v1/orders', staffBody, { 'idempotency-key': newKey('rl-staff') })).status).toBe(201);
  });

  it('uploads are limited per account in bytes and in count', async () => {
    expect((await uploadAs('citizen', 6 * 1024 * 1024)).status).toBe(201);
    expect429(await uploadAs('citizen', 6 * 1024 * 1024)); // 12 MB > 10 MB in the window
    expect429(await uploadAs('citizen', 10)); // 2 files in the window already counted
    const operatorCount = 20; // staff: ×10
    for (let i = 0; i < operatorCount; i++) expect((await uploadAs('zx_operator', 10)).status).toBe(201);
    expect429(await uploadAs('zx_operator', 10));
  });

  it('the public routes are limited per address', async () => {
    const path = '/api/v1/public/callbacks/cb_notarealtoken123';
    for (let i = 0; i < 5; i++) expect((await s.anonymous.get(path)).status).toBe(404);
    expect429(await s.anonymous.get(path));
  });
});
