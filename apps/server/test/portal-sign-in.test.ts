/**
 * 短信验证码登录 and 我的上报 over HTTP: a citizen asks for a code (an SMS in the outbox, which an administrator reads
 * in the message log while no gateway is set up), signs in with it (an httpOnly cookie for the portal's API), and
 * lists the reports made with his number — as reporter on any channel, or added by 我也遇到 — never another
 * number's, nor a confidential one; reports made while signed in carry the number he proved. Wrong codes, expired
 * codes and codes tried too often all fail alike; a phone and an address are each limited; signing out ends the
 * session; bad input is a 4xx naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiRoutes, ResponseOf } from '@liandong/contracts';
import { newKey, startTestServer, type ApiResponse, type Body, type TestServer } from './harness.ts';
import { orderIn, pointOfWorker } from './order-fixtures.ts';

const CODES_PER_ADDRESS = 8;
const TRIES_PER_ADDRESS = 12;
let s: TestServer;
let nowMs = Date.parse('2026-05-11T01:30:00Z');
let point: { lng: number; lat: number };
let address = 0;

beforeAll(async () => {
  process.env.LIANDONG_RATE_SIGN_IN_CODES = String(CODES_PER_ADDRESS);
  process.env.LIANDONG_RATE_SIGN_IN_TRIES = String(TRIES_PER_ADDRESS);
  // The daily limit of one number is reached from one address: more reports a minute than a citizen's default.
  process.env.LIANDONG_RATE_INTAKE_CITIZEN = '100';
  s = await startTestServer({ clock: () => new Date(nowMs) });
  point = await pointOfWorker(s, 'songling_gridworker');
});
afterAll(() => s?.close());

const later = (seconds: number) => {
  nowMs += seconds * 1000;
};
const count = async (sql: string, params: unknown[] = []) => (await s.platform.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;

/** A phone on its own network address (the server believes X-Forwarded-For from this machine, as from its proxy). */
function phoneAt(ip = `10.20.${Math.floor(++address / 250)}.${address % 250}`) {
  let cookie = '';
  const headers = (extra: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...(cookie ? { cookie } : {}), ...extra });
  const keepCookie = (r: ApiResponse) => {
    for (const c of r.headers.getSetCookie()) if (c.startsWith('ld_citizen=')) cookie = c.split(';')[0]!;
    return r;
  };
  return {
    ip,
    get cookie() {
      return cookie;
    },
    set cookie(c: string) {
      cookie = c;
    },
    askCode: (phone: unknown) => s.anonymous.post('/api/v1/public/citizen/codes', { phone }, headers()),
    signIn: async (phone: unknown, code: unknown) => keepCookie(await s.anonymous.post('/api/v1/public/citizen/session', { phone, code }, headers())),
    session: () => s.anonymous.request('GET', '/api/v1/public/citizen/session', undefined, headers()),
    signOut: async () => keepCookie(await s.anonymous.request('DELETE', '/api/v1/public/citizen/session', undefined, headers())),
    reports: (query = '') => s.anonymous.request<Body<ResponseOf<ApiRoutes['portal.myReports']>>>('GET', `/api/v1/public/citizen/reports${query}`, undefined, headers()),
    report: (body: Record<string, unknown>, key = newKey('sign-in-report')) => s.anonymous.post('/api/v1/public/reports', reportBody(body), headers({ 'idempotency-key': key })),
    meToo: (code: string, body: Record<string, unknown> = {}) =>
      s.anonymous.post(`/api/v1/public/reports/${code}/me-too` as '/api/v1/public/reports/:code/me-too', body, headers({ 'idempotency-key': newKey('sign-in-metoo') })),
  };
}

function reportBody(extra: Record<string, unknown>) {
  return { nature: 'complaint', description: `小区门口路灯不亮，晚上出行不便 ${newKey('d')}`, location: point, ...extra };
}

/** The newest sign-in SMS to a number, as the administrator reads it in the message log (GET /api/v1/messages). */
async function smsTo(phone: string): Promise<{ body: string; status: string } | undefined> {
  const admin = await s.as('admin');
  const r = await admin.get('/api/v1/messages?template=citizen.sign_in_code&pageSize=200');
  expect(r.status).toBe(200);
  return r.body.items.find((m) => m.recipient.kind === 'phone' && m.recipient.phone === phone);
}

async function codeFor(phone: string): Promise<string> {
  const sms = await smsTo(phone);
  expect(sms?.status).toBe('stored');
  return /(?<!\d)(\d{6})(?!\d)/.exec(sms!.body)![1]!;
}

/** Asks for a code and signs in with it (a minute later for the next code of the same phone). */
async function signedIn(phone: string, at = phoneAt()) {
  expect((await at.askCode(phone)).status).toBe(202);
  const r = await at.signIn(phone, await codeFor(phone));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  later(61);
  return at;
}

describe('asking for a code and signing in', () => {
  it('sends the code as an SMS the administrator reads while no gateway is set up, keeps only its hash, and signs in with it', async () => {
    const phone = '13700001001';
    const p = phoneAt();
    const sent = await p.askCode(phone);
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toEqual({ phone: '137****1001', expiresInSeconds: 300, resendInSeconds: 60 });

    const sms = await smsTo(phone);
    expect(sms).toMatchObject({ status: 'stored' });
    const code = await codeFor(phone);
    expect(sms!.body).toContain('5分钟内有效');
    const row = (await s.platform.db.query('select * from citizen_sign_in_codes where phone = $1', [phone])).rows[0]!;
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row).toMatchObject({ tries: 0, ended_at: null, ip: p.ip });
    // A supervisor's log shows messages about his orders and to him: not a citizen's code.
    const supervisorLog = await (await s.as('zx_supervisor')).get('/api/v1/messages?template=citizen.sign_in_code');
    expect(JSON.stringify(supervisorLog.body)).not.toContain(code);

    const signIn = await p.signIn(phone, code);
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    expect(signIn.body).toEqual({ phone, expiresAt: new Date(nowMs + 7 * 86_400_000).toISOString() });
    const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('ld_citizen='))!;
    expect(cookie).toMatch(/^ld_citizen=ldc_[\w-]{43};/);
    expect(cookie).toContain('Path=/api/v1/public');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const token = p.cookie.slice('ld_citizen='.length);
    expect(await count('citizen_sessions where id = $1', [token])).toBe(0); // stored hashed
    expect(await count('citizen_sessions where phone = $1', [phone])).toBe(1);

    expect((await p.session()).body).toEqual(signIn.body);
    // A code signs in once.
    const again = phoneAt();
    expect((await again.signIn(phone, code)).status).toBe(401);
  });

  it('answers every valid number alike, reports or none', async () => {
    const withReports = phoneAt();
    expect((await withReports.report({ reporter: { phone: '13700001002' } })).status).toBe(201);
    const a = await withReports.askCode('13700001002');
    const b = await phoneAt().askCode('13700001003');
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(Object.keys(a.body)).toEqual(Object.keys(b.body));
    expect({ ...a.body, phone: '' }).toEqual({ ...b.body, phone: '' });
  });

  it('fails alike for a wrong code, no code, an expired code and a code tried five times; the fifth wrong try voids it', async () => {
    const phone = '13700001004';
    const p = phoneAt();
    const none = await p.signIn(phone, '123456');
    expect(none.status).toBe(401);
    expect(none.body.error).toMatchObject({ code: 'bad_credentials', field: 'code' });
    expect(await count('citizen_sign_in_codes where phone = $1', [phone])).toBe(0);

    await p.askCode(phone);
    const code = await codeFor(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 1; i <= 5; i++) {
      const r = await p.signIn(phone, wrong);
      expect(r.status).toBe(401);
      expect(r.body).toEqual(none.body);
      expect((await s.platform.db.query<{ tries: number }>('select tries from citizen_sign_in_codes where phone = $1', [phone])).rows[0]!.tries).toBe(i);
    }
    const voided = await p.signIn(phone, code);
    expect(voided.body).toEqual(none.body);
    expect(await count('citizen_sessions where phone = $1', [phone])).toBe(0);

    later(61);
    await p.askCode(phone);
    const fresh = await codeFor(phone);
    later(5 * 60 + 1);
    const expired = await p.signIn(phone, fresh);
    expect(expired.body).toEqual(none.body);
    expect(await count('citizen_sessions where phone = $1', [phone])).toBe(0);
  });

  it('a new code replaces the one before', async () => {
    const phone = '13700001005';
    const p = phoneAt();
    await p.askCode(phone);
    const first = await codeFor(phone);
    later(61);
    await p.askCode(phone);
    const second = await codeFor(phone);
    if (first !== second) expect((await p.signIn(phone, first)).status).toBe(401);
    expect((await p.signIn(phone, second)).status).toBe(200);
  });

  it('in English too', async () => {
    const r = await s.anonymous.post('/api/v1/public/citizen/session', { phone: '13700001006', code: '000000' }, { 'accept-language': 'en', 'x-forwarded-for': phoneAt().ip });
    expect(r.body.error.message).toBe('Wrong or expired code: ask for a new one');
  });
});

describe('limits', () => {
  it('one code a minute and five an hour per phone, from any address; a refusal sends nothing', async () => {
    const phone = '13700002001';
    expect((await phoneAt().askCode(phone)).status).toBe(202);
    const sms = async () => count(`outbox where template = 'citizen.sign_in_code' and recipient ->> 'phone' = $1`, [phone]);
    const soon = await phoneAt().askCode(phone);
    expect(soon.status).toBe(429);
    expect(soon.body.error.code).toBe('rate_limited');
    expect(Number(soon.headers.get('retry-after'))).toBe(60);
    expect(await sms()).toBe(1);
    later(30);
    expect(Number((await phoneAt().askCode(phone)).headers.get('retry-after'))).toBe(30);
    for (let i = 2; i <= 5; i++) {
      later(61);
      expect((await phoneAt().askCode(phone)).status, `code ${i}`).toBe(202);
    }
    later(61);
    const hour = await phoneAt().askCode(phone);
    expect(hour.status).toBe(429);
    // The first code was sent 30 + 4 × 61 + 61 s ago: it leaves the hour in the rest of it.
    expect(Number(hour.headers.get('retry-after'))).toBe(3600 - (30 + 5 * 61));
    expect(await sms()).toBe(5);
  });

  it(`${CODES_PER_ADDRESS} codes an hour per address, over any numbers; another address goes on`, async () => {
    const p = phoneAt();
    for (let i = 0; i < CODES_PER_ADDRESS; i++) expect((await p.askCode(`1370000310${i}`)).status).toBe(202);
    const r = await p.askCode('13700003109');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect(await count(`citizen_sign_in_codes where phone = '13700003109'`)).toBe(0);
    expect((await phoneAt().askCode('13700003109')).status).toBe(202);
  });

  it(`${TRIES_PER_ADDRESS} sign-in tries an hour per address`, async () => {
    const p = phoneAt();
    for (let i = 0; i < TRIES_PER_ADDRESS; i++) expect((await p.signIn(`1370000400${i % 10}`, '111111')).status).toBe(401);
    expect((await p.signIn('13700004000', '111111')).status).toBe(429);
  });

  it('a number makes at most 20 reports a day, signed in or not; a retry of one made is still answered', async () => {
    const phone = '13700005001';
    const p = phoneAt();
    const first = { key: newKey('daily'), body: { reporter: { phone }, description: '第一次反映：垃圾桶满溢无人清运' } };
    expect((await p.report(first.body, first.key)).status).toBe(201);
    for (let i = 1; i < 20; i++) {
      later(60);
      expect((await p.report({ reporter: { phone } })).status, `report ${i + 1}`).toBe(201);
    }
    const orders = await count('orders');
    const over = await p.report({ reporter: { phone } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBe(86_400 - 19 * 60);
    expect(await count('orders')).toBe(orders);
    expect((await p.report(first.body, first.key)).status).toBe(200);
    // Signed in, the same number; another number is not held.
    const signed = await signedIn(phone);
    expect((await signed.report({})).status).toBe(429);
    expect((await p.report({ reporter: { phone: '13700005002' } })).status).toBe(201);
  });
});

describe('我的上报', () => {
  const mine = '13700006001';
  const other = '13700006002';

  it('lists the reports of the signed-in number on any channel, the ones it joined too, newest first, paged; never another number’s or a confidential one', async () => {
    const a = phoneAt();
    const portal = await a.report({ reporter: { phone: mine }, description: '人行道护栏倒了，联系我13700006001' });
    expect(portal.status).toBe(201);
    later(60);
    // A hotline call with the number as the operator typed it.
    const hotline = await orderIn(s, 'pending_accept', { phone: '+86-137-0000-6001', description: '热线来电：河道有垃圾漂浮' });
    later(60);
    const theirs = await phoneAt().report({ reporter: { phone: other }, description: '公园路面破损，有积水' });
    later(60);
    expect((await a.meToo(theirs.body.trackingCode, { reporter: { phone: mine } })).status).toBe(200);
    later(60);
    const secret = await orderIn(s, 'pending_accept', { phone: mine, description: '保密举报：某店无证经营' });
    await s.platform.db.query('update orders set confidential = true where id = $1', [secret.id]);

    const me = await signedIn(mine);
    const list = await me.reports();
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(list.body.items.map((i) => i.orderCode)).toEqual([theirs.body.orderCode, hotline.code, portal.body.orderCode]);
    const [joined, byPhone, reported] = list.body.items;
    expect(joined).toMatchObject({ trackingCode: theirs.body.trackingCode, joined: true, canRate: false, finished: false, state: { code: 'pending_accept', label: '待受理' } });
    expect(reported).toMatchObject({ trackingCode: portal.body.trackingCode, joined: false, nature: '投诉' });
    expect(reported!.description).toBe('人行道护栏倒了，联系我137****6001');
    // The hotline's order is given a tracking code to follow it by, and it opens the public timeline.
    expect(byPhone!.trackingCode).toMatch(/^Q[0-9A-HJKMNP-TV-Z]{10}$/);
    expect((await s.anonymous.get(`/api/v1/public/reports/${byPhone!.trackingCode}` as '/api/v1/public/reports/:code')).status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('李四');

    const page2 = await me.reports('?page=2&pageSize=2');
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((i) => i.orderCode)).toEqual([portal.body.orderCode]);

    const they = await signedIn(other);
    const theirList = (await they.reports()).body;
    expect(theirList.items.map((i) => i.orderCode)).toEqual([theirs.body.orderCode]);
    expect(theirList.items[0]!.joined).toBe(false);
  });

  it('a report made while signed in carries the number proved, whatever the body says; so does 我也遇到', async () => {
    const me = await signedIn('13700006003');
    const r = await me.report({ reporter: { phone: '13700006999', name: '张三' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.callback).toBe(true);
    const bare = await me.report({});
    expect(bare.body.callback).toBe(true);
    const phones = await s.platform.db.query<{ phone: string; name: string | null }>(
      'select r.phone, r.name from order_reporters r join orders o on o.id = r.order_id where o.code = any($1::text[]) order by o.id',
      [[r.body.orderCode, bare.body.orderCode]],
    );
    expect(phones.rows).toEqual([
      { phone: '13700006003', name: '张三' },
      { phone: '13700006003', name: null },
    ]);
    const other = await phoneAt().report({});
    expect((await me.meToo(other.body.trackingCode, { reporter: { phone: '13700006998' } })).body.callback).toBe(true);
    const added = await s.platform.db.query<{ phone: string }>('select r.phone from order_reporters r join orders o on o.id = r.order_id where o.code = $1 and r.phone is not null', [other.body.orderCode]);
    expect(added.rows.map((x) => x.phone)).toEqual(['13700006003']);
    expect((await me.reports()).body.items.map((i) => i.orderCode)).toEqual([other.body.orderCode, bare.body.orderCode, r.body.orderCode]);
  });

  it('says which report waits for the rating, and follows a merged report into the order it joined', async () => {
    const phone = '13700006004';
    const waiting = await orderIn(s, 'pending_callback', { phone });
    const p = phoneAt();
    const [a, b] = [await p.report({ reporter: { phone }, description: '桥头路灯整晚不亮' }), await phoneAt().report({ description: '桥头的路灯坏了' })];
    const d = await s.as('zx_dispatcher');
    const idOf = async (c: string) => Number((await s.platform.db.query<{ id: number }>('select id from orders where code = $1', [c])).rows[0]!.id);
    expect((await d.act(await idOf(b.body.orderCode), 'accept')).status).toBe(200);
    expect((await d.act(await idOf(b.body.orderCode), 'merge', { duplicateIds: [await idOf(a.body.orderCode)] })).status).toBe(200);

    const me = await signedIn(phone);
    const items = (await me.reports()).body.items;
    expect(items).toHaveLength(2);
    const merged = items.find((i) => i.trackingCode === a.body.trackingCode)!;
    expect(merged).toMatchObject({ orderCode: b.body.orderCode, state: { code: 'pending_dispatch' }, canRate: false });
    const rate = items.find((i) => i.orderCode === waiting.code)!;
    expect(rate).toMatchObject({ canRate: true, satisfaction: null, state: { code: 'pending_callback' } });

    const sms = await s.platform.db.query<{ body: string }>(`select body from outbox where order_id = $1 and template = 'callback.request'`, [waiting.id]);
    const token = /cb_[\w-]+/.exec(sms.rows[0]!.body)![0];
    expect((await s.anonymous.post(`/api/v1/public/callbacks/${token}` as '/api/v1/public/callbacks/:token', { satisfaction: 'satisfied' })).status).toBe(200);
    const after = (await me.reports()).body.items.find((i) => i.orderCode === waiting.code)!;
    expect(after).toMatchObject({ canRate: false, satisfaction: 'satisfied' });
  });
});

describe('the session', () => {
  it('ends when the citizen signs out: the cookie is cleared and the old one opens nothing', async () => {
    const phone = '13700007001';
    const me = await signedIn(phone);
    const kept = me.cookie;
    expect((await me.reports()).status).toBe(200);
    const out = await me.signOut();
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().join()).toMatch(/ld_citizen=;.*Path=\/api\/v1\/public/);
    expect(await count('citizen_sessions where phone = $1', [phone])).toBe(0);
    me.cookie = kept;
    for (const r of [await me.reports(), await me.session()]) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('unauthenticated');
      expect(r.headers.getSetCookie().join()).toContain('ld_citizen=;');
    }
    // A report now is anonymous again: no number unless given.
    expect((await me.report({})).body.callback).toBe(false);
  });

  it('expires after seven days', async () => {
    const me = await signedIn('13700007002');
    later(7 * 86_400 - 120);
    expect((await me.session()).status).toBe(200);
    later(120);
    expect((await me.session()).status).toBe(401);
    s.forgetSessions();
  });

  it('a staff session or a made-up token is no citizen session', async () => {
    const p = phoneAt();
    const staff = (await s.as('zx_operator')).token!;
    for (const cookie of [`ld_citizen=${staff}`, 'ld_citizen=ldc_notarealtoken', `ld_session=${staff}`]) {
      const r = await s.anonymous.request('GET', '/api/v1/public/citizen/reports', undefined, { cookie, 'x-forwarded-for': p.ip });
      expect(r.status, cookie).toBe(401);
    }
  });
});

describe('bad input', () => {
  it('is a 4xx naming the field, in Chinese and English, and writes nothing', async () => {
    const p = phoneAt();
    const before = [await count('citizen_sign_in_codes'), await count('outbox'), await count('citizen_sessions')];
    const cases: [() => Promise<ApiResponse>, number, string][] = [
      [() => p.askCode('12345'), 400, 'phone'],
      [() => p.askCode('0512-68881234'), 400, 'phone'],
      [() => p.askCode(13700008001), 400, 'phone'],
      [() => p.askCode('1'.repeat(21)), 400, 'phone'],
      [() => s.anonymous.post('/api/v1/public/citizen/codes', { phone: '13700008001', extra: 1 }, { 'x-forwarded-for': p.ip }), 400, 'extra'],
      [() => s.anonymous.post('/api/v1/public/citizen/codes', { phone: '13700008001', pad: 'x'.repeat(2000) }, { 'x-forwarded-for': p.ip }), 413, 'body'],
      [() => p.signIn('13700008001', '12a456'), 400, 'code'],
      [() => p.signIn('13700008001', '12345'), 400, 'code'],
      [() => p.signIn('abc', '123456'), 400, 'phone'],
      [() => s.anonymous.post('/api/v1/public/citizen/session', { phone: '13700008001' }, { 'x-forwarded-for': p.ip }), 400, 'code'],
      [() => p.reports('?pageSize=0'), 400, 'pageSize'],
      [() => p.reports('?page=x'), 400, 'page'],
    ];
    for (const [send, status, field] of cases) {
      const r = await send();
      expect(r.status, `${field}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.field ?? '', JSON.stringify(r.body)).toContain(field);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const en = await s.anonymous.post('/api/v1/public/citizen/codes', { phone: '12345' }, { 'accept-language': 'en', 'x-forwarded-for': p.ip });
    expect(en.body.error.message).toBe('Field phone: enter an 11-digit mainland mobile number');
    expect((await p.reports()).status).toBe(401);
    expect([await count('citizen_sign_in_codes'), await count('outbox'), await count('citizen_sessions')]).toEqual(before);
  });
});
