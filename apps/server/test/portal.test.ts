/**
 * 群众随手拍 (the citizen portal's server side): an anonymous report with a photo gets a tracking code; the public
 * timeline follows the order as staff move it, naming units and public replies but never a person, an EXIF place
 * or a phone number; retries answer the same code; "me too" adds a reporter; refusals name their field and write
 * nothing; photos are served only through their own order; confidential orders are not found.
 */
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTrackingCode } from '@liandong/core/portal/portal.repository.ts';
import { newKey, startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder, pointOfWorker, step, type Fixture } from './order-fixtures.ts';

const CODE = /^Q[0-9A-HJKMNP-TV-Z]{10}$/;
const DESCRIPTION = '临街商铺门口挂满彩旗条幅，影响行人通行，请联系13912345678';
let s: TestServer;
let point: { lng: number; lat: number };

beforeAll(async () => {
  // More reports from one address than a citizen's minute allows (rate-limits.test.ts counts them).
  process.env.LIANDONG_RATE_INTAKE_CITIZEN = '100';
  s = await startTestServer();
  point = await pointOfWorker(s, 'songling_gridworker');
});
afterAll(() => s?.close());

/** A photo with EXIF (the phone's make and where it was taken). */
async function photoWithGps(): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#4a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Liandong', Model: 'Citizen phone' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 9/1 3600/100', GPSLongitudeRef: 'E', GPSLongitude: '120/1 38/1 2400/100' },
    })
    .toBuffer();
  expect(await exifr.gps(jpeg)).toEqual({ latitude: 31.16, longitude: 120.64 });
  return jpeg;
}

async function upload(bytes: Buffer, type = 'image/jpeg') {
  const res = await fetch(`${s.base}/api/v1/public/photos`, { method: 'POST', headers: { 'content-type': type }, body: bytes });
  return { status: res.status, body: (await res.json()) as any };
}

async function fetchBytes(url: string) {
  const res = await fetch(s.base + url);
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), bytes: Buffer.from(await res.arrayBuffer()) };
}

const count = async (table: string) => Number((await s.platform.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n);
const staffNames = async (usernames: string[]) =>
  (await s.platform.db.query<{ display_name: string }>('select display_name from users where username = any($1::text[])', [usernames])).rows.map((r) => r.display_name);

function report(extra: Record<string, unknown> = {}) {
  return { nature: 'complaint', categoryCode: '06006', description: DESCRIPTION, location: point, reporter: { name: '李秀英', phone: '13912345678' }, ...extra };
}

describe('the citizen portal', () => {
  let code = '';
  let orderCode = '';
  let photoId = '';
  let fixture: Fixture;

  it('takes an anonymous report with a photo and answers a tracking code; a retry answers the same', async () => {
    const up = await upload(await photoWithGps());
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body).toMatchObject({ width: 1200, height: 900 });
    photoId = up.body.id;
    const uploader = await s.platform.db.query('select uploaded_by, public_upload from files where public_id = $1', [photoId]);
    expect(uploader.rows[0]).toEqual({ uploaded_by: null, public_upload: true });

    const key = newKey('portal-report');
    const body = report({ photos: [photoId], address: '松陵镇中山路 18 号' });
    const r = await s.anonymous.post('/api/v1/public/reports', body, { 'idempotency-key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.trackingCode).toMatch(CODE);
    expect(r.body).toMatchObject({ trackUrl: `/portal/track/${r.body.trackingCode}`, callback: true });
    code = r.body.trackingCode;
    orderCode = r.body.orderCode;
    expect(code).not.toContain(orderCode.replace(/^LD/, '').slice(-4));

    const again = await s.anonymous.post('/api/v1/public/reports', body, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(r.body);

    const o = await s.platform.db.query<{ channel: string; created_by: number | null; tracking_code: string }>('select channel, created_by, tracking_code from orders where code = $1', [orderCode]);
    expect(o.rows[0]).toEqual({ channel: 'web', created_by: null, tracking_code: code });
    const staff = (await (await s.as('zx_operator')).get(`/api/v1/orders/${orderCode}`)).body;
    expect(staff.reporters).toMatchObject([{ name: '李秀英', phone: '13912345678', anonymous: false }]);
    expect(staff.timeline[0]).toMatchObject({ action: 'create', actor: null, attachmentIds: [photoId] });
  });

  it('shows the public timeline with no personal data and the photo without its EXIF', async () => {
    const r = await s.anonymous.get(`/api/v1/public/reports/${code}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ trackingCode: code, orderCode, state: { code: 'pending_accept', label: '待受理' }, finished: false, reporters: 1, satisfaction: null });
    expect(r.body.description).toContain('139****5678');
    expect(r.body.steps.map((x: { label: string }) => x.label)).toEqual(['已提交']);
    const text = JSON.stringify(r.body);
    for (const secret of ['李秀英', '13912345678']) expect(text).not.toContain(secret);
    expect(r.body.location.lng).toBe(Math.round(point.lng * 1e4) / 1e4);
    expect(r.body.photos).toEqual([{ id: photoId, url: `/api/v1/public/reports/${code}/photos/${photoId}` }]);

    const en = await new (s.anonymous.constructor as any)(s.base, undefined, 'en').get(`/api/v1/public/reports/${code}`);
    expect(en.body.state.label).not.toBe('待受理');
    expect(en.body.steps[0].label).toBe('submitted');

    const photo = await fetchBytes(r.body.photos[0].url);
    expect(photo.status).toBe(200);
    expect(photo.type).toBe('image/jpeg');
    expect(photo.cache).toContain('private');
    expect(await exifr.gps(photo.bytes).catch(() => undefined)).toBeUndefined();
    expect(await exifr.parse(photo.bytes).catch(() => undefined)).toBeUndefined();
  });

  it('refuses bad reports naming the field, writing nothing', async () => {
    const before = [await count('orders'), await count('order_reporters'), await count('idempotency_keys')];
    const cases: [Record<string, unknown>, Record<string, string>, number, string][] = [
      [report(), {}, 400, 'Idempotency-Key'],
      [report(), { 'idempotency-key': 'short' }, 400, 'Idempotency-Key'],
      [report({ description: '坏' }), { 'idempotency-key': newKey('portal-bad') }, 400, 'description'],
      [report({ nature: 'praise' }), { 'idempotency-key': newKey('portal-bad') }, 400, 'nature'],
      [report({ reporter: { phone: '12345' } }), { 'idempotency-key': newKey('portal-bad') }, 400, 'phone'],
      [report({ location: { lng: 100, lat: 20 } }), { 'idempotency-key': newKey('portal-bad') }, 422, 'location'],
      [report({ photos: ['6f1c1d52-8a4e-4e7c-9d3f-2b1a0c9e8d7f'] }), { 'idempotency-key': newKey('portal-bad') }, 422, 'photos'],
      // A photo already attached to another report.
      [report({ photos: [photoId] }), { 'idempotency-key': newKey('portal-bad') }, 422, 'photos'],
    ];
    for (const [body, headers, status, field] of cases) {
      const r = await s.anonymous.post('/api/v1/public/reports', body, headers);
      expect(r.status, `${field}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.field).toContain(field);
    }
    expect([await count('orders'), await count('order_reporters'), await count('idempotency_keys')]).toEqual(before);
  });

  it('refuses an upload that is not an image, naming the body', async () => {
    const before = await count('files');
    const r = await upload(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), 'image/jpeg');
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('body');
    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'text/html');
    expect(html.status).toBe(400);
    expect(html.body.error.field).toBe('body');
    expect(await count('files')).toBe(before);
  });

  it('shows the report to a second citizen nearby, and adds him with "me too"', async () => {
    const near = await s.anonymous.request('GET', `/api/v1/public/reports/nearby?lng=${point.lng}&lat=${point.lat}&text=${encodeURIComponent('商铺门口挂彩旗')}`);
    expect(near.status, JSON.stringify(near.body)).toBe(200);
    expect(near.body.items.length).toBeLessThanOrEqual(5);
    const mine = near.body.items.find((i: { trackingCode: string }) => i.trackingCode === code);
    expect(mine).toBeDefined();
    expect(mine).toMatchObject({ reporters: 1, photoUrl: `/api/v1/public/reports/${code}/photos/${photoId}` });
    expect(mine.score).toBeGreaterThan(0);
    expect(mine.score).toBeLessThanOrEqual(1);
    expect([...mine.description].length).toBeLessThanOrEqual(80);
    const text = JSON.stringify(near.body);
    for (const secret of ['李秀英', '13912345678']) expect(text).not.toContain(secret);

    const key = newKey('portal-metoo');
    const body = { description: '我路过也看到了', reporter: { name: '王建国', phone: '13800001111' } };
    const r = await s.anonymous.post(`/api/v1/public/reports/${code}/me-too`, body, { 'idempotency-key': key });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ trackingCode: code, orderCode, callback: true });
    const again = await s.anonymous.post(`/api/v1/public/reports/${code}/me-too`, body, { 'idempotency-key': key });
    expect(again.body).toEqual(r.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const staff = (await (await s.as('zx_operator')).get(`/api/v1/orders/${orderCode}`)).body;
    expect(staff.reporters.map((x) => x.phone)).toEqual(['13912345678', '13800001111']);
    expect(staff.timeline.at(-1)).toMatchObject({ action: 'add-caller', actor: null, data: { channel: 'web' } });
    const track = (await s.anonymous.get(`/api/v1/public/reports/${code}`)).body;
    expect(track.reporters).toBe(2);
    expect(JSON.stringify(track)).not.toContain('王建国');
  });

  it('follows the order as staff accept, dispatch and handle it: units and the result, no user names', async () => {
    const id = Number((await s.platform.db.query<{ id: number }>('select id from orders where code = $1', [orderCode])).rows[0]!.id);
    fixture = { id, code: orderCode, order: { state: { code: 'pending_accept' } }, creator: 'portal', dispatcher: 'zx_dispatcher', shiftLead: 'zx_shiftlead', gridWorker: 'songling_gridworker', handler: 'cgj_handler', handlerUnitId: null };
    await step(s, fixture, 'zx_dispatcher', 'accept', {}, 'pending_dispatch');
    await step(s, fixture, 'zx_dispatcher', 'dispatch', { unitId: await unitId(s, 'WJ-CGJ'), note: '请尽快处理，联系人手机13700009999' }, 'pending_sign');
    await step(s, fixture, 'cgj_handler', 'sign', {}, 'handling');
    await step(s, fixture, 'cgj_handler', 'request-extension', { value: 1, unit: 'working_days', reason: '内部协调' }, 'handling');
    await step(s, fixture, 'zx_shiftlead', 'approve-extension', {}, 'handling');
    await step(s, fixture, 'cgj_handler', 'feedback', { result: '已责令商户拆除彩旗条幅，现场恢复整洁。咨询电话13600001234' }, 'pending_check');

    const r = await s.anonymous.get(`/api/v1/public/reports/${code}`);
    expect(r.status).toBe(200);
    const unitName = (await s.platform.db.query<{ name: string }>(`select name from units where code = 'WJ-CGJ'`)).rows[0]!.name;
    const steps = r.body.steps as { label: string; unit: string | null; reply: string | null }[];
    expect(steps.map((x) => x.label)).toEqual(['已提交', '又有群众反映此问题', '已受理', '已派遣至责任单位', '责任单位已签收', '处置完毕']);
    expect(steps[3]!.unit).toBe(unitName);
    expect(steps[5]).toMatchObject({ unit: unitName, reply: '已责令商户拆除彩旗条幅，现场恢复整洁。咨询电话136****1234' });
    expect(r.body.state.code).toBe('pending_check');
    const text = JSON.stringify(r.body);
    for (const name of await staffNames(['zx_dispatcher', 'cgj_handler', 'zx_shiftlead'])) expect(text).not.toContain(name);
    for (const secret of ['内部协调', '13700009999', '请尽快处理', '我路过也看到了']) expect(text).not.toContain(secret);
  });

  it('serves a photo only through its own order', async () => {
    const up = await upload(await photoWithGps());
    const other = await s.anonymous.post('/api/v1/public/reports', report({ description: '另一处：路边垃圾堆放多日无人清理', photos: [up.body.id], reporter: undefined }), { 'idempotency-key': newKey('portal-other') });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body.callback).toBe(false);
    expect((await fetchBytes(`/api/v1/public/reports/${code}/photos/${up.body.id}`)).status).toBe(404);
    expect((await fetchBytes(`/api/v1/public/reports/${other.body.trackingCode}/photos/${up.body.id}`)).status).toBe(200);
    expect((await fetchBytes(`/api/v1/public/reports/${other.body.trackingCode}/photos/${photoId}`)).status).toBe(404);
  });

  it('follows a merged report into the order it joined', async () => {
    const post = async (description: string) =>
      (await s.anonymous.post('/api/v1/public/reports', report({ description, reporter: undefined }), { 'idempotency-key': newKey('portal-merge') })).body;
    const [a, b] = [await post('桥头路灯整晚不亮，晚上走路很危险'), await post('桥头的路灯坏了，整晚都不亮')];
    const d = await s.as('zx_dispatcher');
    const idOf = async (c: string) => Number((await s.platform.db.query<{ id: number }>('select id from orders where code = $1', [c])).rows[0]!.id);
    expect((await d.act(await idOf(a.orderCode), 'accept')).status).toBe(200);
    expect((await d.act(await idOf(a.orderCode), 'merge', { duplicateIds: [await idOf(b.orderCode)] })).status).toBe(200);
    const r = (await s.anonymous.get(`/api/v1/public/reports/${b.trackingCode}`)).body;
    expect(r).toMatchObject({ trackingCode: b.trackingCode, orderCode: a.orderCode, state: { code: 'pending_dispatch' }, finished: false, reporters: 2 });
    expect(r.steps.map((x: { label: string }) => x.label)).toEqual(['已提交', '已受理', '已与同类诉求合并办理']);
  });

  it('answers 404 for an unknown code and for a confidential order, and 409 for "me too" on an ended one', async () => {
    expect((await s.anonymous.get('/api/v1/public/reports/Q0000000000')).status).toBe(404);
    const secret = await createOrder(s, { description: '保密举报：某处存在违法经营' });
    await s.platform.db.query('update orders set confidential = true where id = $1', [secret.id]);
    const secretCode = await ensureTrackingCode(s.platform.db, secret.id);
    const hidden = await s.anonymous.get(`/api/v1/public/reports/${secretCode}` as '/api/v1/public/reports/:code');
    expect(hidden.status).toBe(404);
    expect((await s.anonymous.post(`/api/v1/public/reports/${secretCode}/me-too` as '/api/v1/public/reports/:code/me-too', {}, { 'idempotency-key': newKey('portal-secret') })).status).toBe(404);

    const ended = await s.anonymous.post('/api/v1/public/reports', report({ description: '咨询一下彩旗条幅能挂多久', reporter: undefined }), { 'idempotency-key': newKey('portal-ended') });
    const endedId = Number((await s.platform.db.query<{ id: number }>('select id from orders where code = $1', [ended.body.orderCode])).rows[0]!.id);
    expect((await (await s.as('zx_dispatcher')).act(endedId, 'reject', { reason: '不属于受理范围，请拨打12345' })).status).toBe(200);
    const reporters = await count('order_reporters');
    const late = await s.anonymous.post(`/api/v1/public/reports/${ended.body.trackingCode}/me-too`, {}, { 'idempotency-key': newKey('portal-late') });
    expect(late.status).toBe(409);
    expect(await count('order_reporters')).toBe(reporters);
    const track = (await s.anonymous.get(`/api/v1/public/reports/${ended.body.trackingCode}`)).body;
    expect(track).toMatchObject({ finished: true, state: { code: 'rejected' } });
    expect(track.steps.at(-1)).toMatchObject({ label: '不予受理', reply: '不属于受理范围，请拨打12345' });
  });
});

describe('the simple choice of a class', () => {
  it('offers the event classes reported most lately, in the reader’s language, to anyone', async () => {
    for (let i = 0; i < 4; i++) await createOrder(s, { categoryCode: '06006' });
    const zh = await s.anonymous.get('/api/v1/public/categories');
    expect(zh.status).toBe(200);
    expect(zh.body).toHaveLength(8);
    expect(zh.body[0]).toEqual({ code: '06006', name: expect.stringMatching(/[\u4e00-\u9fff]/) });
    const kinds = await s.platform.db.query<{ kind: string }>('select distinct kind from categories where code = any($1::text[])', [zh.body.map((c) => c.code)]);
    expect(kinds.rows).toEqual([{ kind: 'event' }]);
    const en = await s.anonymous.request('GET', '/api/v1/public/categories', undefined, { 'accept-language': 'en' });
    expect(en.body[0].code).toBe('06006');
  });
});
