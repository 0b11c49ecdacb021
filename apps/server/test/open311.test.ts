/**
 * Open311 GeoReport v2 at /open311/v2/ over real HTTP: discovery, services and a service's definition, posting a
 * service request form-encoded with an integration token as api_key (JSON and XML answers; a retry answers the
 * first order), reading requests with the spec's filters and by id, tokens, and the spec's errors. JSON answers
 * are held to GeoReport v2 JSON Schemas (open311-schemas/, see its README), XML answers parsed with
 * fast-xml-parser. No answer shows a person: no reporter, no phone, no email, no staff member.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@liandong/core/auth/authenticate.ts';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { createOrder as createFixtureOrder, DEFAULT_CATEGORY, pointOfWorker } from './order-fixtures.ts';

const addFormats = ((formatsModule as unknown as { default?: typeof formatsModule }).default ?? formatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const schemaDir = join(import.meta.dirname, 'open311-schemas');
for (const f of readdirSync(schemaDir).filter((x) => x.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(join(schemaDir, f), 'utf8')));
function expectSchema(name: string, body: unknown): void {
  const validate = ajv.getSchema(name)!;
  expect(validate(body), `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
}

const LISTS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => LISTS.has(name) });

const BASE = '/open311/v2';
let s: TestServer;
let apiKey: string;
let point: { lng: number; lat: number };
let conditionCode: string;

interface Answer {
  status: number;
  type: string;
  text: string;
  body: any;
  headers: Headers;
}

async function call(method: string, path: string, init: { form?: Record<string, string>; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const res = await fetch(s.base + BASE + path, {
    method,
    headers: { ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...init.headers },
    body: init.form ? new URLSearchParams(init.form).toString() : init.body,
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, type, text, headers: res.headers, body: type.startsWith('application/json') ? JSON.parse(text) : type.startsWith('text/xml') ? xml.parse(text) : text };
}

/** A request as a citizen's app would post it. */
function form(extra: Record<string, string> = {}): Record<string, string> {
  return {
    api_key: apiKey,
    service_code: DEFAULT_CATEGORY,
    lat: String(point.lat),
    long: String(point.lng),
    address_string: '松陵镇 测试路 1 号',
    email: 'zhang.san@example.com',
    device_id: 'device-123',
    first_name: '三',
    last_name: '张',
    phone: '13912345678',
    description: `路灯不亮 ${newKey('o311')}`,
    ...extra,
  };
}

const PERSONAL = ['zhang.san@example.com', '13912345678', '张三', 'device-123'];
const expectNoPersonalData = (a: Answer) => {
  for (const p of PERSONAL) expect(a.text, `an answer shows ${p}`).not.toContain(p);
};

beforeAll(async () => {
  s = await startTestServer();
  const user = await s.platform.db.query<{ id: number }>(`select id from users where username = 'hotline_api'`);
  apiKey = await createApiToken(s.platform.db, { name: 'open311 client', userId: user.rows[0]!.id });
  point = await pointOfWorker(s, 'songling_gridworker');
  const c = await s.platform.db.query<{ code: string }>('select code from category_conditions where category_code = $1 and active order by id limit 1', [DEFAULT_CATEGORY]);
  conditionCode = c.rows[0]!.code;
}, 120_000);
afterAll(() => s?.close());

describe('Open311 discovery and services', () => {
  it('describes itself in JSON and XML', async () => {
    const j = await call('GET', '/discovery.json');
    expect(j.status).toBe(200);
    expect(j.type).toBe('application/json; charset=utf-8');
    expectSchema('discovery.json', j.body);
    expect(j.body.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', url: `${s.base}/open311/v2`, type: 'production', formats: ['text/xml', 'application/json'] });
    const x = await call('GET', '/discovery.xml');
    expect(x.type).toBe('text/xml; charset=utf-8');
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(x.body.discovery.endpoints.endpoint[0].specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(x.body.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the minor classes in use as services, grouped by their major class', async () => {
    const j = await call('GET', '/services.json');
    expect(j.status).toBe(200);
    expectSchema('services.json', j.body);
    const active = await s.platform.db.query<{ n: number }>(
      `select count(*)::int as n from categories c join categories m on m.code = c.parent_code where c.level = 'minor' and c.active and m.active`,
    );
    expect(j.body).toHaveLength(active.rows[0]!.n);
    const svc = j.body.find((x: any) => x.service_code === DEFAULT_CATEGORY);
    const major = await s.platform.db.query<{ name: string }>('select m.name from categories c join categories m on m.code = c.parent_code where c.code = $1', [DEFAULT_CATEGORY]);
    expect(svc).toMatchObject({ metadata: true, type: 'realtime', group: major.rows[0]!.name });
    expect(typeof svc.service_code).toBe('string');
    const x = await call('GET', '/services.xml');
    expect(x.body.services.service).toHaveLength(j.body.length);
    expect(x.body.services.service.find((v: any) => v.service_code === DEFAULT_CATEGORY).metadata).toBe('true');
    // English names on request, where the catalogue has them.
    const en = await call('GET', '/services.json', { headers: { 'accept-language': 'en' } });
    const names = await s.platform.db.query<{ code: string; name: string; name_en: string | null }>(`select code, name, name_en from categories where level = 'minor'`);
    const english = new Map(names.rows.map((r) => [r.code, r.name_en ?? r.name]));
    expect(names.rows.some((r) => r.name_en)).toBe(true);
    for (const svc of en.body) expect(svc.service_name).toBe(english.get(svc.service_code));
  });

  it('accepts its one jurisdiction and answers 404 for another', async () => {
    const district = (await s.platform.db.query<{ code: string }>(`select code from divisions where level = 'district' limit 1`)).rows[0]!.code;
    expect((await call('GET', `/services.json?jurisdiction_id=${district}`)).status).toBe(200);
    const bad = await call('GET', '/services.json?jurisdiction_id=city.example.org');
    expect(bad.status).toBe(404);
    expectSchema('errors.json', bad.body);
    expect(bad.body[0].code).toBe(404);
  });

  it("defines a service: its case-opening conditions as a single-value list; an unknown code is 404", async () => {
    const j = await call('GET', `/services/${DEFAULT_CATEGORY}.json`);
    expect(j.status).toBe(200);
    expectSchema('service-definition.json', j.body);
    const conditions = await s.platform.db.query<{ code: string; description: string }>('select code, description from category_conditions where category_code = $1 and active order by id', [DEFAULT_CATEGORY]);
    expect(j.body.attributes).toEqual([
      expect.objectContaining({ code: 'condition', datatype: 'singlevaluelist', variable: true, required: false, order: 1, values: conditions.rows.map((c) => ({ key: c.code, name: c.description })) }),
    ]);
    const x = await call('GET', `/services/${DEFAULT_CATEGORY}.xml`);
    const attr = x.body.service_definition.attributes.attribute[0];
    expect(attr.code).toBe('condition');
    expect(attr.values.value.map((v: any) => v.key)).toEqual(conditions.rows.map((c) => c.code));
    const missing = await call('GET', '/services/99999.json');
    expect(missing.status).toBe(404);
    expectSchema('errors.json', missing.body);
    const missingXml = await call('GET', '/services/99999.xml');
    expect(missingXml.status).toBe(404);
    expect(missingXml.body.errors.error[0].code).toBe('404');
  });
});

describe('Open311 posting service requests', () => {
  it('creates an order from a form with an integration token; a retry answers the same order', async () => {
    const f = form({ media_url: 'https://media.example.org/p/1.jpg', 'attribute[condition]': conditionCode });
    const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
    const j = await call('POST', '/requests.json', { form: f });
    expect(j.status, j.text).toBe(201);
    expectSchema('request-created.json', j.body);
    expect(j.body).toEqual([{ service_request_id: expect.stringMatching(/^LD\d+/), service_notice: expect.any(String), account_id: null }]);
    expectNoPersonalData(j);
    const again = await call('POST', '/requests.json', { form: f });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body[0].service_request_id).toBe(j.body[0].service_request_id);
    expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n).toBe(before + 1);
    const order = await s.platform.db.query<{ channel: string; nature: string; category_code: string; condition_code: string; created_by: number; description: string }>(
      `select o.channel, o.nature, o.category_code, cc.code as condition_code, o.created_by, o.description
         from orders o left join category_conditions cc on cc.id = o.condition_id where o.code = $1`,
      [j.body[0].service_request_id],
    );
    const api = await s.platform.db.query<{ id: number }>(`select id from users where username = 'hotline_api'`);
    expect(order.rows[0]).toMatchObject({ channel: 'open311', nature: 'report', category_code: DEFAULT_CATEGORY, condition_code: conditionCode, created_by: api.rows[0]!.id });
    expect(order.rows[0]!.description).toContain('https://media.example.org/p/1.jpg');
    // Read back: the media link is its own field, the description without it, no person anywhere.
    const read = await call('GET', `/requests/${j.body[0].service_request_id}.json`);
    expect(read.status).toBe(200);
    expectSchema('requests.json', read.body);
    expect(read.body[0]).toMatchObject({ status: 'open', service_code: DEFAULT_CATEGORY, media_url: 'https://media.example.org/p/1.jpg', description: f.description, address: f.address_string });
    expectNoPersonalData(read);
  });

  it('answers in XML, and a client may name the retry with an Idempotency-Key', async () => {
    const key = newKey('o311');
    const x = await call('POST', '/requests.xml', { form: form(), headers: { 'idempotency-key': key } });
    expect(x.status, x.text).toBe(201);
    const id = x.body.service_requests.request[0].service_request_id;
    expect(id).toMatch(/^LD\d+/);
    expect(x.body.service_requests.request[0].account_id).toBe('');
    const again = await call('POST', '/requests.xml', { form: form({ description: 'another text, same key' }), headers: { 'idempotency-key': key } });
    expect(again.status).toBe(400); // a key reused for another request
    expect(again.body.errors.error[0].code).toBe('400');
    const token = await call('GET', `/tokens/${id}.json`);
    expect(token.status).toBe(200);
    expectSchema('tokens.json', token.body);
    expect(token.body).toEqual([{ service_request_id: id, token: id }]);
  });

  it.each([
    ['an unknown api_key', { api_key: 'ldt_not-a-token' }, 403],
    ['a session secret as api_key', { api_key: 'lds_whatever' }, 403],
    ['no api_key', { api_key: '' }, 400],
    ['no service_code', { service_code: '' }, 400],
    ['an unknown service_code', { service_code: '99999' }, 400],
    ['no lat/long (an address alone)', { lat: '', long: '' }, 400],
    ['lat not a number', { lat: 'north' }, 400],
    ['a point outside the territory', { lat: '39.909', long: '116.397' }, 400],
    ['a condition of another service', { 'attribute[condition]': 'nope' }, 400],
    ['media_url not http(s)', { media_url: 'javascript:alert(1)' }, 400],
    ['a malformed phone', { phone: 'call me' }, 400],
    ['an unknown jurisdiction', { jurisdiction_id: 'elsewhere' }, 404],
  ])('refuses %s with the spec error array, writing nothing', async (_label, change, status) => {
    const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
    const f = Object.fromEntries(Object.entries(form(change as Record<string, string>)).filter(([, v]) => v !== ''));
    const j = await call('POST', '/requests.json', { form: f });
    expect(j.status, j.text).toBe(status);
    expectSchema('errors.json', j.body);
    expect(j.body[0].code).toBe(status);
    const x = await call('POST', '/requests.xml', { form: f, headers: { 'accept-language': 'en' } });
    expect(x.status).toBe(status);
    expect(x.body.errors.error[0]).toEqual({ code: String(status), description: expect.any(String) });
    expect(x.body.errors.error[0].description).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n).toBe(before);
  });

  it('names lat and long when the point is missing, and refuses a JSON body', async () => {
    const j = await call('POST', '/requests.json', { form: Object.fromEntries(Object.entries(form()).filter(([k]) => k !== 'lat' && k !== 'long')), headers: { 'accept-language': 'en' } });
    expect(j.body[0].description).toMatch(/lat/);
    const json = await call('POST', '/requests.json', { body: JSON.stringify(form()), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(400);
    expectSchema('errors.json', json.body);
  });
});

describe('Open311 reading service requests', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const r = await call('POST', '/requests.json', { form: form() });
      ids.push(r.body[0].service_request_id);
    }
  });

  it('lists requests of the last 90 days, filtered by id, service code, status and dates', async () => {
    const all = await call('GET', '/requests.json');
    expect(all.status).toBe(200);
    expectSchema('requests.json', all.body);
    expect(all.body.map((r: any) => r.service_request_id)).toEqual(expect.arrayContaining(ids));
    expect(all.body.length).toBeLessThanOrEqual(1000);
    expectNoPersonalData(all);

    const byId = await call('GET', `/requests.json?service_request_id=${ids.join(',')}`);
    expect(byId.body.map((r: any) => r.service_request_id).sort()).toEqual([...ids].sort());

    const byCode = await call('GET', `/requests.json?service_code=${DEFAULT_CATEGORY}`);
    expect(byCode.body.every((r: any) => r.service_code === DEFAULT_CATEGORY)).toBe(true);
    expect(byCode.body.map((r: any) => r.service_request_id)).toEqual(expect.arrayContaining(ids));

    expect((await call('GET', '/requests.json?status=closed')).body.map((r: any) => r.service_request_id)).not.toContain(ids[0]);
    expect((await call('GET', '/requests.json?status=open')).body.map((r: any) => r.service_request_id)).toEqual(expect.arrayContaining(ids));

    const future = await call('GET', `/requests.json?start_date=${encodeURIComponent('2999-01-01T00:00:00Z')}`);
    expect(future.status).toBe(200);
    expect(future.body).toEqual([]);
    const badDate = await call('GET', '/requests.json?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expectSchema('errors.json', badDate.body);
    expect((await call('GET', '/requests.json?status=pending')).status).toBe(400);
  });

  it('gives the detailed state in status_notes in the asked language, and the request by id in XML', async () => {
    const zh = await call('GET', `/requests/${ids[0]}.json`);
    expect(zh.body[0].status_notes).toBe('待受理');
    expect(zh.body[0].agency_responsible).toEqual(expect.any(String));
    expect(zh.body[0].expected_datetime).toMatch(/\+08:00$/);
    const en = await call('GET', `/requests/${ids[0]}.json`, { headers: { 'accept-language': 'en' } });
    expect(en.body[0].status_notes).toBe('Awaiting acceptance');
    const x = await call('GET', `/requests/${ids[0]}.xml`);
    const req = x.body.service_requests.request[0];
    expect(req).toMatchObject({ service_request_id: ids[0], status: 'open', service_code: DEFAULT_CATEGORY });
    expect(Number(req.lat)).toBeCloseTo(point.lat, 6);
    const list = await call('GET', `/requests.xml?service_request_id=${ids.join(',')}`);
    expect(list.body.service_requests.request).toHaveLength(2);
    expectNoPersonalData(x);
  });

  it('answers 404 in the spec shape for an unknown request, token or endpoint, and hides confidential orders', async () => {
    for (const path of ['/requests/LD0000000000.json', '/tokens/nope.json', '/nothing.json']) {
      const r = await call('GET', path);
      expect(r.status, path).toBe(404);
      expectSchema('errors.json', r.body);
    }
    const x = await call('GET', '/requests/LD0000000000.xml');
    expect(x.status).toBe(404);
    expect(x.body.errors.error[0].code).toBe('404');
    const secret = await createFixtureOrder(s, { description: '保密件 测试' });
    await s.platform.db.query('update orders set confidential = true where id = $1', [secret.id]);
    expect((await call('GET', `/requests/${secret.code}.json`)).status).toBe(404);
    expect((await call('GET', `/requests.json?service_request_id=${secret.code}`)).body).toEqual([]);
    // A hotline order shows neither its reporter nor his phone.
    const hotline = await createFixtureOrder(s, { description: '市民来电 测试', reporterName: '王五' });
    const shown = await call('GET', `/requests/${hotline.code}.json`);
    expect(shown.status).toBe(200);
    expect(shown.text).not.toContain('王五');
    expect(shown.text).not.toContain('13800138000');
  });
});

describe('Open311 under hostile input (its routes are outside the OpenAPI fuzz test)', () => {
  const paths = [
    '/requests.json?service_request_id=' + 'LD1,'.repeat(2000),
    '/requests.json?service_code=%00&status=open,closed',
    '/requests.json?start_date=2026-02-30&end_date=2026-01-01',
    '/requests.json?start_date=2026-03-01&end_date=2026-01-01',
    '/requests.json?start_date=' + '9'.repeat(300),
    '/requests.json?jurisdiction_id[]=x',
    '/requests/%27%3B%20drop%20table%20orders.json',
    '/services/..%2F..%2Fetc.xml',
    '/services/' + 'x'.repeat(500) + '.json',
    '/tokens/.json',
    '/requests/.xml',
    '/services.yaml',
    '/discovery',
  ];
  it.each(paths)('GET %s: never a 5xx, a refusal in the spec shape', async (path) => {
    const r = await call('GET', path.slice(0, 300));
    expect(r.status, r.text).toBeLessThan(500);
    if (r.status >= 400 && r.type.startsWith('application/json')) expectSchema('errors.json', r.body);
  });

  it.each([
    ['a NUL character in the description', { description: 'bad \u0000 text' }],
    ['a description of 5000 characters', { description: '长'.repeat(5000) }],
    ['an address of 400 characters', { address_string: '路'.repeat(400) }],
    ['a name of 100 characters', { first_name: '名'.repeat(100) }],
    ['lat out of range', { lat: '91' }],
    ['long as Infinity', { long: 'Infinity' }],
  ])('POST with %s: a 4xx in the spec shape, nothing written', async (_label, change) => {
    const before = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n;
    const r = await call('POST', '/requests.json', { form: form(change as Record<string, string>) });
    expect(r.status, r.text).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expectSchema('errors.json', r.body);
    expect((await s.platform.db.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]!.n).toBe(before);
  });

  it('refuses a body that is not a form, or too large, in the spec shape', async () => {
    for (const [type, body] of [['text/plain', 'api_key=x'], ['multipart/form-data; boundary=x', '--x--'], ['application/x-www-form-urlencoded', 'description=' + 'a'.repeat(1_100_000)]] as const) {
      const r = await call('POST', '/requests.xml', { body, headers: { 'content-type': type } });
      expect(r.status, type).toBeGreaterThanOrEqual(400);
      expect(r.status, type).toBeLessThan(500);
      expect(r.body.errors.error[0].code).toBe(String(r.status));
    }
  });
});
