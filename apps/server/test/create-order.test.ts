/**
 * Registering an order (POST /api/v1/orders) refused: each missing or invalid field gives a clear
 * error naming the field, in Chinese by default and English on request, and writes nothing (no
 * order, event, reporter, clock, unit link or idempotency key). And the Idempotency-Key contract:
 * the same key and body replay the same order; the same key with another body is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, unitId, type ApiResponse, type TestServer } from './harness.ts';
import { expectOk, orderBody, tableCounts } from './order-fixtures.ts';

let s: TestServer;
let valid: Record<string, any>;
beforeAll(async () => {
  s = await startTestServer();
  valid = await orderBody(s); // hotline complaint in songling_gridworker's grid, 06006, with a reporter
});
afterAll(() => s?.close());

const HAS_CJK = /[\u4e00-\u9fff]/;
const create = async (username: string | null, body: unknown, headers: Record<string, string> = {}, lang?: string): Promise<ApiResponse> => {
  const c = username ? await s.as(username, lang) : s.anonymous;
  return c.request('POST', '/api/v1/orders', body, { ...(lang ? { 'accept-language': lang } : {}), ...headers });
};

type Change = (b: Record<string, any>) => Record<string, any>;
const without = (field: string): Change => (b) => {
  const { [field]: _gone, ...rest } = b;
  return rest;
};
const set = (patch: Record<string, unknown>): Change => (b) => ({ ...b, ...patch });
const at = (location: Record<string, unknown>): Change => (b) => ({ ...b, location });

const BAD: [string, Change, number, string, string][] = [
  ['channel missing', without('channel'), 400, 'invalid_field', 'channel'],
  ['channel unknown', set({ channel: 'fax' }), 422, 'unprocessable', 'channel'],
  ['nature unknown', set({ nature: 'gossip' }), 422, 'unprocessable', 'nature'],
  ['nature of the wrong type', set({ nature: 3 }), 400, 'invalid_field', 'nature'],
  ['description empty', set({ description: '' }), 400, 'invalid_field', 'description'],
  ['description missing', without('description'), 400, 'invalid_field', 'description'],
  ['description too long', set({ description: '长'.repeat(4001) }), 400, 'invalid_field', 'description'],
  ['location missing', without('location'), 400, 'invalid_field', 'location'],
  ['location outside the district (Beijing)', at({ lng: 116.397, lat: 39.909 }), 422, 'unprocessable', 'location'],
  ['location.lng as a string', (b) => at({ ...b.location, lng: String(b.location.lng) })(b), 400, 'invalid_field', 'location.lng'],
  ['location.lat missing', (b) => at({ lng: b.location.lng })(b), 400, 'invalid_field', 'location.lat'],
  ['location.lng out of range', (b) => at({ ...b.location, lng: 200 })(b), 400, 'invalid_field', 'location.lng'],
  ['location.crs unknown', (b) => at({ ...b.location, crs: 'epsg3857' })(b), 400, 'invalid_field', 'location.crs'],
  ['categoryCode unknown', set({ categoryCode: '99999' }), 422, 'unprocessable', 'categoryCode'],
  ['categoryCode a major class', set({ categoryCode: '06' }), 422, 'unprocessable', 'categoryCode'],
  ['attachments naming a missing file', set({ attachments: ['7d1c1c5e-3b7a-4c1e-9d55-0d2f8a6b9e01'] }), 422, 'unprocessable', 'attachments'],
  ['attachments not ids', set({ attachments: ['photo.jpg'] }), 400, 'invalid_field', 'attachments.0'],
  ['reporter.phone malformed', set({ reporter: { name: '李四', phone: 'call me' } }), 400, 'invalid_field', 'reporter.phone'],
  ['reporter with an extra field', set({ reporter: { name: '李四', idNumber: '320509199001011234' } }), 400, 'invalid_field', 'reporter.idNumber'],
  ['an extra field', set({ priority: 'high' }), 400, 'invalid_field', 'priority'],
];

describe('create-order: invalid input → error naming the field, nothing written', () => {
  it.each(BAD)('%s → %i %s (%s)', async (_label, change, status, code, field) => {
    const before = await tableCounts(s);
    const body = change(valid);
    const zh = await create('zx_operator', body, { 'idempotency-key': newKey('bad') });
    expect({ status: zh.status, code: zh.body?.error?.code, field: zh.body?.error?.field }, JSON.stringify(zh.body)).toEqual({ status, code, field });
    expect(zh.body.error.message).toMatch(HAS_CJK);
    const en = await create('zx_operator', body, { 'idempotency-key': newKey('bad') }, 'en');
    expect({ status: en.status, code: en.body?.error?.code, field: en.body?.error?.field }).toEqual({ status, code, field });
    expect(en.body.error.message).not.toMatch(HAS_CJK);
    expect(await tableCounts(s)).toEqual(before);
  });

  it.each([
    ['missing', {}],
    ['empty', { 'idempotency-key': '' }],
    ['not visible ASCII', { 'idempotency-key': 'clé avec espaces' }],
    ['longer than 200 characters', { 'idempotency-key': 'k'.repeat(201) }],
  ])('Idempotency-Key %s → 400 naming Idempotency-Key, nothing written', async (_label, headers) => {
    const before = await tableCounts(s);
    const r = await create('zx_operator', { ...valid, description: `无幂等键 ${newKey()}` }, headers);
    expect({ status: r.status, code: r.body?.error?.code, field: r.body?.error?.field }).toEqual({ status: 400, code: 'invalid_field', field: 'Idempotency-Key' });
    expect(r.body.error.message).toMatch(HAS_CJK);
    expect(await tableCounts(s)).toEqual(before);
  });

  it('a citizen may not register through the hotline channel → 422 channel', async () => {
    const before = await tableCounts(s);
    const r = await create('citizen', valid, { 'idempotency-key': newKey() });
    expect({ status: r.status, field: r.body.error.field }).toEqual({ status: 422, field: 'channel' });
    expect(await tableCounts(s)).toEqual(before);
  });

  it('a department handler may not register orders → 403', async () => {
    const before = await tableCounts(s);
    const r = await create('cgj_handler', valid, { 'idempotency-key': newKey() });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 403, code: 'forbidden' });
    expect(await tableCounts(s)).toEqual(before);
  });

  it('without credentials → 401', async () => {
    const before = await tableCounts(s);
    const r = await create(null, valid, { 'idempotency-key': newKey() });
    expect({ status: r.status, code: r.body.error.code }).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await tableCounts(s)).toEqual(before);
  });
});

describe('create-order: idempotency', () => {
  it('the same key and body → 200 with Idempotent-Replayed and the same order; one order written', async () => {
    const key = newKey('same');
    const body = { ...valid, description: `重复提交 ${key}` };
    const before = await tableCounts(s);
    const first = await create('zx_operator', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const afterFirst = await tableCounts(s);
    expect(afterFirst.orders).toBe(before.orders + 1);
    expect(afterFirst.keys).toBe(before.keys + 1);
    for (let i = 0; i < 2; i++) {
      const again = await create('zx_operator', body, { 'idempotency-key': key });
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.code).toBe(first.body.code);
    }
    expect(await tableCounts(s)).toEqual(afterFirst);
  });

  it('the same key with a different body → 422 idempotency_key_reused, nothing written', async () => {
    const key = newKey('reuse');
    const first = await create('zx_operator', { ...valid, description: `第一份 ${key}` }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const before = await tableCounts(s);
    const r = await create('zx_operator', { ...valid, description: `另一份 ${key}` }, { 'idempotency-key': key });
    expect({ status: r.status, code: r.body.error?.code, field: r.body.error?.field }).toEqual({ status: 422, code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect(r.body.error.message).toMatch(HAS_CJK);
    const en = await create('zx_operator', { ...valid, description: `另一份 ${key}` }, { 'idempotency-key': key }, 'en');
    expect(en.body.error.message).not.toMatch(HAS_CJK);
    expect(await tableCounts(s)).toEqual(before);
  });

  it('a refused request does not use up its key: the corrected request with the same key is created', async () => {
    const key = newKey('fix');
    const bad = await create('zx_operator', { ...valid, categoryCode: '99999' }, { 'idempotency-key': key });
    expect(bad.status).toBe(422);
    const good = await create('zx_operator', { ...valid, description: `更正后 ${key}` }, { 'idempotency-key': key });
    expect(good.status).toBe(201);
  });

  it("one person's key never returns another person's order", async () => {
    const key = newKey('shared');
    const body = { ...valid, description: `两人同键 ${key}` };
    const a = expectOk(await create('zx_operator', body, { 'idempotency-key': key }), 'operator', 201);
    const b = await create('zx_dispatcher', body, { 'idempotency-key': key });
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.id);
  });

  it('the 201 answer shows the order as reading it back does', async () => {
    const created = expectOk(await create('zx_operator', { ...valid, description: `回读 ${newKey()}` }, { 'idempotency-key': newKey() }), 'create', 201);
    const read = expectOk(await (await s.as('zx_operator')).get(`/api/v1/orders/${created.id}`), 'read');
    const { timeline: _t, coHandlers, mayRevealPhone: _m, ...shown } = read;
    expect(created).toEqual(shown);
    expect(coHandlers).toEqual([]); // the detail's own: nobody co-handles a new order
  });
});

describe('leader-assigned orders (领导交办)', () => {
  it('a leader registers what he assigns, on the leader channel only; it goes to the district centre to accept', async () => {
    const leader = await s.as('leader');
    const body = { ...valid, channel: 'leader', nature: 'complaint', description: '领导交办：松陵老街夜间施工扰民问题，请一周内解决并报结果' };
    const r = await leader.post('/api/v1/orders', body, { 'idempotency-key': newKey() });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ channel: { code: 'leader', label: '领导交办' }, state: { code: 'pending_accept' }, level: 'district' });
    expect(r.body.dispatchUnit!.id).toBe(await unitId(s, 'WJ-ZX'));
    expect((await (await s.as('zx_dispatcher')).get(`/api/v1/orders/${r.body.id}`)).body.allowedActions).toContain('accept');
    const other = await leader.post('/api/v1/orders', { ...body, channel: 'hotline' }, { 'idempotency-key': newKey() });
    expect({ status: other.status, field: other.body.error?.field }).toEqual({ status: 422, field: 'channel' });
  });
});

describe('urgency stated at intake (紧急程度)', () => {
  it('the order takes the higher of the stated urgency and its condition’s, and keeps it when classified again', async () => {
    const c = await s.as('zx_operator');
    const critical = await c.post('/api/v1/orders', { ...(await orderBody(s)), urgency: 'critical' }, { 'idempotency-key': newKey('u') });
    expect(critical.status, JSON.stringify(critical.body)).toBe(201);
    expect(critical.body.urgency).toBe('critical');
    const plain = await c.post('/api/v1/orders', await orderBody(s), { 'idempotency-key': newKey('u') });
    expect(plain.body.urgency).toBe('normal');
    const dispatcher = await s.as('zx_dispatcher');
    const classified = await dispatcher.act(critical.body.id, 'classify', { categoryCode: '06006' });
    expect(classified.status, JSON.stringify(classified.body)).toBe(200);
    expect(classified.body.urgency).toBe('critical');
  });

  it('an urgency that is none of the list is refused naming the field', async () => {
    const r = await (await s.as('zx_operator')).post('/api/v1/orders', { ...(await orderBody(s)), urgency: 'whenever' }, { 'idempotency-key': newKey('u') });
    expect(r.status).toBe(400);
    expect(r.body.error.field).toMatch(/urgency/);
  });
});
