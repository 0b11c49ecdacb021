/**
 * The catalogue editor through the API: an administrator adds a minor class and a case-opening condition with its
 * responsible units, an operator finds the class at intake, dispatch follows the condition's rules, and a changed
 * rule set is followed by the next order; classes go out of use and back; bad input is refused naming the field,
 * in Chinese and English, and changes nothing; others may not.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderView } from '@liandong/contracts';
import { gridOf, newKey, pointInGrid, startTestServer, unitId, type TestServer } from './harness.ts';

let s: TestServer;
let eventMajor: string;
let componentMajor: string;
beforeAll(async () => {
  s = await startTestServer();
  const majors = await s.platform.db.query<{ code: string; kind: string }>(
    `select distinct on (kind) code, kind from categories where level = 'major' and active order by kind, sort`,
  );
  eventMajor = majors.rows.find((m) => m.kind === 'event')!.code;
  componentMajor = majors.rows.find((m) => m.kind === 'component')!.code;
});
afterAll(() => s?.close());

async function dispatchedOrder(categoryCode: string): Promise<OrderView> {
  const p = await pointInGrid(s, await gridOf(s, 'songling_gridworker'));
  const r = await (await s.as('zx_operator')).post(
    '/api/v1/orders',
    { channel: 'hotline', nature: 'complaint', description: '来电反映共享单车堆放在人行道上', location: p, categoryCode },
    { 'idempotency-key': newKey('cat') },
  );
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const d = await s.as('zx_dispatcher');
  await d.act(r.body.id, 'accept');
  const sent = await d.act(r.body.id, 'dispatch');
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  return sent.body;
}

const count = async (sql: string) => (await s.platform.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`)).rows[0]!.n;

it('an administrator adds a class and a condition with its units; intake finds it, dispatch follows it, then its new rules', async () => {
  const admin = await s.as('admin');
  const cgj = await unitId(s, 'WJ-CGJ');
  const swj = await unitId(s, 'WJ-SWJ');
  const added = await admin.post('/api/v1/admin/catalogue/categories', {
    code: 'T06901', kind: 'event', level: 'minor', parentCode: eventMajor, name: '共享单车乱停放', nameEn: 'Shared bikes parked badly', standardRef: 'local',
  });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  expect(added.body).toMatchObject({ code: 'T06901', level: 'minor', parentCode: eventMajor, active: true, conditions: 0, activeConditions: 0 });

  const condition = await admin.post('/api/v1/admin/catalogue/categories/T06901/conditions', {
    description: '共享单车在人行道、盲道集中乱停放',
    responseValue: 2,
    responseUnit: 'working_hours',
    handleValue: 2,
    handleUnit: 'working_days',
    closingStandard: '车辆清理或规整，通行无阻',
    units: [{ role: 'lead', unitId: cgj }, { role: 'co', territorial: true }],
  });
  expect(condition.status, JSON.stringify(condition.body)).toBe(201);
  expect(condition.body).toMatchObject({ code: 'T06901-01', urgency: 'normal', handlingLevel: 'department', active: true });
  expect(condition.body.units).toEqual([
    { role: 'lead', unit: { id: cgj, name: expect.any(String) }, territorial: false, componentOwner: false, area: null },
    { role: 'co', unit: null, territorial: true, componentOwner: false, area: null },
  ]);

  // The operator finds it by words and by pinyin initials.
  const operator = await s.as('zx_operator');
  expect((await operator.get('/api/v1/catalogue/categories?q=共享单车')).body.map((c) => c.code)).toContain('T06901');
  expect((await operator.get('/api/v1/catalogue/categories?q=gxdc')).body.map((c) => c.code)).toContain('T06901');

  const first = await dispatchedOrder('T06901');
  expect(first.handlerUnit!.id).toBe(cgj);
  expect((await s.platform.db.query(`select c.code from orders o join category_conditions c on c.id = o.condition_id where o.id = $1`, [first.id])).rows[0]!.code).toBe('T06901-01');

  // The water bureau leads from now on; Songling's orders go to the town (属地).
  const rules = await admin.put(`/api/v1/admin/catalogue/conditions/${condition.body.id}/units`, {
    units: [{ role: 'lead', unitId: swj }, { role: 'lead', territorial: true, areaCode: first.town!.code }],
  });
  expect(rules.status, JSON.stringify(rules.body)).toBe(200);
  expect(rules.body.units.map((u) => [u.role, u.unit?.id ?? null, u.territorial, u.area?.code ?? null])).toEqual([
    ['lead', swj, false, null],
    ['lead', null, true, first.town!.code],
  ]);
  const second = await dispatchedOrder('T06901');
  expect(second.state.code).toBe('pending_dispatch');
  expect(second.dispatchUnit!.id).toBe(await unitId(s, `WJ-ZX-${first.town!.code.slice(0, 9)}`));
  // The first order keeps the unit it was sent to.
  expect((await s.platform.db.query(`select handler_unit_id from orders where id = $1`, [first.id])).rows[0]!.handler_unit_id).toBe(cgj);

  // A second condition numbers on; text and level change in place.
  const again = await admin.post('/api/v1/admin/catalogue/categories/T06901/conditions', {
    description: '小区内部共享单车乱停放', responseValue: 1, responseUnit: 'working_days', handleValue: 3, handleUnit: 'working_days',
    closingStandard: '规整到位', urgency: 'urgent', handlingLevel: 'village', units: [{ role: 'lead', territorial: true }],
  });
  expect(again.body).toMatchObject({ code: 'T06901-02', urgency: 'urgent', handlingLevel: 'village' });
  const changed = await admin.patch(`/api/v1/admin/catalogue/conditions/${again.body.id}`, { description: '住宅小区内共享单车乱停放', handlingLevel: 'town' });
  expect(changed.body).toMatchObject({ description: '住宅小区内共享单车乱停放', handlingLevel: 'town' });

  const listed = (await admin.get('/api/v1/admin/catalogue/categories')).body.find((c) => c.code === 'T06901');
  expect(listed).toMatchObject({ conditions: 2, activeConditions: 2 });
  const audit = await admin.get('/api/v1/audit?action=manage_catalogue');
  expect(audit.body.items.map((e) => e.details.conditionId ?? e.details.categoryCode)).toEqual(
    expect.arrayContaining(['T06901', condition.body.id, again.body.id]),
  );
});

it('a class goes out of use and back: no longer offered at intake, its major only once its minors are', async () => {
  const admin = await s.as('admin', 'en');
  const major = await admin.post('/api/v1/admin/catalogue/categories', { code: 'T07', kind: 'event', level: 'major', name: '临时测试大类' });
  expect(major.status, JSON.stringify(major.body)).toBe(201);
  const minor = await admin.post('/api/v1/admin/catalogue/categories', { code: 'T07001', kind: 'event', level: 'minor', parentCode: 'T07', name: '临时测试小类' });
  expect(minor.body.sort).toBeGreaterThan(0);

  const busy = await admin.patch('/api/v1/admin/catalogue/categories/T07', { active: false });
  expect(busy.status).toBe(409);
  expect(busy.body.error).toMatchObject({ code: 'in_use', field: 'active' });
  expect(busy.body.error.message).toMatch(/1 minor classes of it are still in use/);

  expect((await admin.patch('/api/v1/admin/catalogue/categories/T07001', { active: false, name: '临时测试小类（停用）' })).body).toMatchObject({ active: false, name: '临时测试小类（停用）' });
  expect((await (await s.as('zx_operator')).get('/api/v1/catalogue/categories?q=临时测试')).body.map((c) => c.code)).toEqual(['T07']);
  expect((await admin.patch('/api/v1/admin/catalogue/categories/T07', { active: false })).body.active).toBe(false);
  const orphan = await admin.patch('/api/v1/admin/catalogue/categories/T07001', { active: true });
  expect(orphan.status).toBe(400);
  expect(orphan.body.error).toMatchObject({ field: 'active' });
  expect((await admin.patch('/api/v1/admin/catalogue/categories/T07', { active: true })).body.active).toBe(true);
  expect((await admin.patch('/api/v1/admin/catalogue/categories/T07001', { active: true })).body.active).toBe(true);
  expect((await admin.patch('/api/v1/admin/catalogue/categories/NOPE', { name: 'x' })).status).toBe(404);
});

it('refuses bad classes and unit rules naming the field, in Chinese and English, and writes nothing; others may not', async () => {
  const admin = await s.as('admin');
  const en = await s.as('admin', 'en');
  const cgj = await unitId(s, 'WJ-CGJ');
  const before = [await count('categories'), await count('category_conditions'), await count('condition_units')];

  const refusals: [Record<string, unknown>, number, string][] = [
    [{ code: 'T08 1', kind: 'event', level: 'major', name: '空格编码' }, 400, 'code'],
    [{ code: 'T08002', kind: 'event', level: 'minor', name: '无大类' }, 400, 'parentCode'],
    [{ code: 'T08003', kind: 'event', level: 'minor', parentCode: componentMajor, name: '类型不符' }, 400, 'parentCode'],
    [{ code: 'T08004', kind: 'event', level: 'minor', parentCode: 'T06901', name: '小类下的小类' }, 400, 'parentCode'],
    [{ code: eventMajor, kind: 'event', level: 'major', name: '重复编码' }, 409, 'code'],
    [{ code: 'T08006', kind: 'event', level: 'major', name: '' }, 400, 'name'],
  ];
  for (const [body, status, field] of refusals) {
    const r = await admin.post('/api/v1/admin/catalogue/categories', body);
    expect([r.status, r.body.error?.field], JSON.stringify(body)).toEqual([status, field]);
  }

  const condition = (units: unknown[]) => ({
    description: '测试条件', responseValue: 1, responseUnit: 'working_hours', handleValue: 1, handleUnit: 'working_days', closingStandard: '处置完毕', units,
  });
  const ruleRefusals: [unknown[], string, RegExp, RegExp][] = [
    [[{ role: 'lead', unitId: cgj, territorial: true }], 'units[0].unitId', /第 1 条须且只能选一个/, /rule 1 must name exactly one/],
    [[{ role: 'lead', unitId: cgj }, { role: 'lead', territorial: true }], 'units', /主办单位只能有一个/, /more than one lead/],
    [[{ role: 'lead', territorial: true, areaCode: '320509102000' }], 'units', /须有一条不限区域的主办单位/, /lead unit for every area/],
    [[{ role: 'lead', unitId: cgj }, { role: 'co', unitId: 999_999 }], 'units[1].unitId', /第 2 条的单位不存在或已停用/, /unit of rule 2 does not exist/],
    [[{ role: 'lead', unitId: cgj }, { role: 'co', territorial: true, areaCode: '320509999000' }], 'units[1].areaCode', /第 2 条的区域不存在/, /area of rule 2 is not a known division/],
    [[{ role: 'lead', unitId: cgj }, { role: 'co', territorial: true }, { role: 'co', territorial: true }], 'units[2]', /第 3 条与前面的规则重复/, /rule 3 repeats/],
  ];
  for (const [units, field, zh, english] of ruleRefusals) {
    const r = await admin.post('/api/v1/admin/catalogue/categories/T06901/conditions', condition(units));
    expect([r.status, r.body.error?.field], JSON.stringify(units)).toEqual([400, field]);
    expect(r.body.error.message).toMatch(zh);
    expect((await en.post('/api/v1/admin/catalogue/categories/T06901/conditions', condition(units))).body.error.message).toMatch(english);
  }
  const onMajor = await admin.post(`/api/v1/admin/catalogue/categories/${eventMajor}/conditions`, condition([{ role: 'lead', unitId: cgj }]));
  expect([onMajor.status, onMajor.body.error.field]).toEqual([400, 'categoryCode']);
  const noUnits = await admin.post('/api/v1/admin/catalogue/categories/T06901/conditions', condition([]));
  expect([noUnits.status, noUnits.body.error.field]).toEqual([400, 'units']);
  const existing = (await admin.get('/api/v1/catalogue/categories/T06901/conditions')).body[0]!;
  const badSet = await admin.put(`/api/v1/admin/catalogue/conditions/${existing.id}/units`, { units: [{ role: 'co', territorial: true }] });
  expect([badSet.status, badSet.body.error.field]).toEqual([400, 'units']);
  const takenCode = await admin.post('/api/v1/admin/catalogue/categories/T06901/conditions', { ...condition([{ role: 'lead', unitId: cgj }]), code: existing.code });
  expect([takenCode.status, takenCode.body.error.field]).toEqual([409, 'code']);
  expect([await count('categories'), await count('category_conditions'), await count('condition_units')]).toEqual(before);
  expect((await admin.get('/api/v1/catalogue/categories/T06901/conditions')).body[0]!.units).toEqual(existing.units);

  // Others may not: not even read the administrator's list.
  const dispatcher = await s.as('zx_dispatcher');
  expect((await dispatcher.get('/api/v1/admin/catalogue/categories')).status).toBe(403);
  expect((await dispatcher.post('/api/v1/admin/catalogue/categories', { code: 'T09', kind: 'event', level: 'major', name: '越权' })).status).toBe(403);
  expect((await dispatcher.patch('/api/v1/admin/catalogue/categories/T06901', { name: '越权' })).status).toBe(403);
  expect((await dispatcher.post('/api/v1/admin/catalogue/categories/T06901/conditions', condition([{ role: 'lead', unitId: cgj }]))).status).toBe(403);
  expect((await dispatcher.put(`/api/v1/admin/catalogue/conditions/${existing.id}/units`, { units: [{ role: 'lead', unitId: cgj }] })).status).toBe(403);
  expect([await count('categories'), await count('category_conditions'), await count('condition_units')]).toEqual(before);
});
