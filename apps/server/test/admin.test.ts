/**
 * Administration through the API (no CLI): a grid file checked feature by feature and imported all or nothing,
 * and a catalogue condition's limits edited — by administrators only, bad input refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const square = (lng: number, lat: number, d = 0.004) => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]],
});
const fireGrid = (code: string, props: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties: { code, name: `消防专业网格 ${code}`, kind: 'professional', specialty: 'fire', townCode: '320509002000', ...props },
  geometry: square(120.52, 31.07),
});

describe('grid files', () => {
  it('are checked feature by feature: every problem with its feature and field, nothing written', async () => {
    const admin = await s.as('admin');
    const file = { type: 'FeatureCollection', features: [fireGrid('XF-T1'), fireGrid('XF-T2', { name: '' }), fireGrid('XF-T3', { townCode: '320509999000' }), fireGrid('XF-T1')] };
    const r = await admin.post('/api/v1/admin/grids/check', file);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ features: 4, valid: 1 });
    expect(r.body.problems.map((p) => [p.feature, p.field])).toEqual([
      [1, 'features[1].properties.name'],
      [2, 'features[2].properties.townCode'],
      [3, 'features[3].properties.code'],
    ]);
    expect(r.body.problems[1]!.message).toContain('320509999000');
    const en = await (await s.as('admin', 'en')).post('/api/v1/admin/grids/check', file);
    expect(en.body.problems[1]!.message).toMatch(/does not exist/);
    expect((await s.platform.db.query(`select 1 from grids where code like 'XF-T%'`)).rows).toHaveLength(0);
    // Importing the same file is refused, naming the first problem; nothing is written.
    const refused = await admin.post('/api/v1/admin/grids/import', file);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_import', field: 'features[1].properties.name' });
    expect((await s.platform.db.query(`select 1 from grids where code like 'XF-T%'`)).rows).toHaveLength(0);
  });

  it('a good file is imported; the map and the point lookup know the new grid at once', async () => {
    const r = await (await s.as('admin')).post('/api/v1/admin/grids/import', { type: 'FeatureCollection', features: [fireGrid('XF-T9')] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ inserted: 1, updated: 0 });
    const layer = await (await s.as('zx_dispatcher')).get('/api/v1/map/layers/professional?zoom=12');
    expect(layer.body.features.map((f) => f.properties.code)).toContain('XF-T9');
    const here = await (await s.as('zx_dispatcher')).get('/api/v1/territory/lookup?lng=120.522&lat=31.072');
    expect(here.body.professionalGrids.map((g) => g.code)).toContain('XF-T9');
  });

  it('is for administrators only; a body that is no FeatureCollection is a 400 naming it', async () => {
    const file = { type: 'FeatureCollection', features: [fireGrid('XF-T5')] };
    expect((await (await s.as('zx_dispatcher')).post('/api/v1/admin/grids/check', file)).status).toBe(403);
    expect((await (await s.as('zx_dispatcher')).post('/api/v1/admin/grids/import', file)).status).toBe(403);
    const wrong = await (await s.as('admin')).post('/api/v1/admin/grids/check', { type: 'Feature' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.field).toMatch(/type|features/);
  });
});

describe('catalogue conditions', () => {
  it('an administrator changes a limit; orders dispatched later take it', async () => {
    const admin = await s.as('admin');
    const conditions = (await admin.get('/api/v1/catalogue/categories/06006/conditions')).body;
    const c = conditions[0]!;
    const r = await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleValue: 3, handleUnit: 'working_days', closingStandard: '条幅已拆除，现场无残留' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ id: c.id, handleValue: 3, handleUnit: 'working_days', closingStandard: '条幅已拆除，现场无残留', responseValue: c.responseValue });
    const again = (await admin.get('/api/v1/catalogue/categories/06006/conditions')).body.find((x) => x.id === c.id);
    expect(again).toMatchObject({ handleValue: 3, handleUnit: 'working_days' });
  });

  it('refuses others, bad values naming the field, an empty change and an unknown condition', async () => {
    const admin = await s.as('admin', 'en');
    const c = (await admin.get('/api/v1/catalogue/categories/06006/conditions')).body[0]!;
    expect((await (await s.as('zx_dispatcher')).patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleValue: 1 })).status).toBe(403);
    const unit = await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleUnit: 'fortnights' });
    expect(unit.status).toBe(400);
    expect(unit.body.error.field).toMatch(/handleUnit/);
    const zero = await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, { handleValue: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.field).toMatch(/handleValue/);
    expect((await admin.patch(`/api/v1/admin/catalogue/conditions/${c.id}`, {})).status).toBe(400);
    expect((await admin.patch('/api/v1/admin/catalogue/conditions/999999', { handleValue: 2 })).status).toBe(404);
  });
});

describe('the catalogue as a file', () => {
  const csv = (admin: Awaited<ReturnType<TestServer['as']>>, text: string, check = false) =>
    admin.request('POST', `/api/v1/admin/catalogue/import${check ? '?check=true' : ''}`, text, { 'content-type': 'text/csv' });

  it('is exported as the import format and imports again unchanged; an edited limit is checked, then imported', async () => {
    const admin = await s.as('admin');
    const res = await fetch(`${s.base}/api/v1/admin/catalogue/export`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="catalogue-\d{8}\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM: Excel opens the Chinese right
    const text = bytes.toString('utf8');
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^kind,major_code,major_name,/);
    const active = (await s.platform.db.query<{ n: number }>('select count(*)::int as n from category_conditions where active')).rows[0]!.n;
    expect(new Set(lines.slice(1).map((l) => l.split(',')[7])).size).toBe(active);

    const same = await csv(admin, text);
    expect(same.status, JSON.stringify(same.body)).toBe(200);
    expect(same.body).toMatchObject({ conditions: active, checked: false });

    // 06006's first condition, its handle limit set to 7 in the file: checked (nothing written), then imported.
    const row = lines.findIndex((l) => l.split(',')[4] === '06006');
    const cols = lines[row]!.split(',');
    const handleAt = lines[0]!.split(',').indexOf('handle_value');
    cols[handleAt] = '7';
    const edited = [...lines.slice(0, row), cols.join(','), ...lines.slice(row + 1)].join('\r\n');
    const code = cols[7]!;
    const limit = async () => Number((await s.platform.db.query<{ v: string }>('select handle_value as v from category_conditions where code = $1', [code])).rows[0]!.v);
    const before = await limit();
    const checked = await csv(admin, edited, true);
    expect(checked.body).toMatchObject({ conditions: active, checked: true });
    expect(await limit()).toBe(before);
    expect((await csv(admin, edited)).status).toBe(200);
    expect(await limit()).toBe(7);
  });

  it('a bad row is refused naming its line and column, in zh and en; nothing is written; others may not', async () => {
    const header = 'kind,major_code,major_name,code,name,condition,response_value,response_unit,handle_value,handle_unit,closing_standard,lead_unit';
    const bad = `${header}\r\nevent,99,测试大类,99001,测试小类,测试条件,2,工作时,-1,工作日,已处理,WJ-CGJ\r\n`;
    const zh = await csv(await s.as('admin'), bad);
    expect(zh.status).toBe(422);
    expect(zh.body.error).toMatchObject({ code: 'catalogue_import_invalid', field: 'handle_value' });
    expect(zh.body.error.message).toMatch(/第 2 行第 9 列/);
    const en = await csv(await s.as('admin', 'en'), bad, true);
    expect(en.body.error.message).toMatch(/line 2, column 9/);
    expect((await s.platform.db.query(`select 1 from categories where code = '99001'`)).rows).toHaveLength(0);
    expect((await csv(await s.as('zx_dispatcher'), `${header}\r\n`)).status).toBe(403);
    expect((await fetch(`${s.base}/api/v1/admin/catalogue/export`, { headers: { authorization: `Bearer ${(await s.as('zx_dispatcher')).token}` } })).status).toBe(403);
  });
});

describe('grid attributes', () => {
  it('an administrator corrects a grid’s name and figures; the map shows the new name', async () => {
    const admin = await s.as('admin');
    const grid = (await admin.get('/api/v1/territory/grids?townCode=320509001000&level=4&limit=1')).body[0]!;
    const r = await admin.patch(`/api/v1/admin/grids/${encodeURIComponent(grid.code)}`, { name: '西塘社区第一网格', households: 412, population: 1290 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ code: grid.code, name: '西塘社区第一网格', households: 412, population: 1290, enterprises: grid.enterprises });
    const layer = await admin.get('/api/v1/map/layers/grids?zoom=14');
    expect(layer.body.features.find((f) => f.properties.code === grid.code)?.properties.name).toBe('西塘社区第一网格');
  });

  it('refuses bad figures naming the field, an unknown grid, and others', async () => {
    const admin = await s.as('admin');
    const grid = (await admin.get('/api/v1/territory/grids?level=4&limit=1')).body[0]!;
    const bad = await admin.patch(`/api/v1/admin/grids/${encodeURIComponent(grid.code)}`, { population: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/population/);
    expect((await admin.patch('/api/v1/admin/grids/NOPE', { name: '无' })).status).toBe(404);
    expect((await (await s.as('zx_dispatcher')).patch(`/api/v1/admin/grids/${encodeURIComponent(grid.code)}`, { name: '改名' })).status).toBe(403);
  });
});

describe('the working calendar', () => {
  it('everyone reads a year as deadlines count it; an administrator makes a day a holiday and changes the hours', async () => {
    const year = (await (await s.as('zx_dispatcher')).get('/api/v1/calendar/2026')).body;
    expect(year.days).toHaveLength(365);
    expect(year.days.find((d) => d.day === '2026-10-01')).toMatchObject({ isWorkday: false, name: expect.stringContaining('国庆'), source: 'chinese-days' });
    expect(year.days.find((d) => d.day === '2026-03-04')).toEqual({ day: '2026-03-04', isWorkday: true, name: null, source: null });
    expect(year.hoursPerWorkday).toBe(7.5);

    const admin = await s.as('admin');
    const set = await admin.put('/api/v1/admin/calendar/days/2026-03-04', { isWorkday: false, name: '防汛停休补休' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toEqual({ day: '2026-03-04', isWorkday: false, name: '防汛停休补休', source: 'admin' });
    const after = (await admin.get('/api/v1/calendar/2026')).body;
    expect(after.workdays).toBe(year.workdays - 1);
    const hours = await admin.put('/api/v1/admin/calendar/working-periods', { periods: [['08:30', '12:00'], ['13:30', '18:00']] });
    expect(hours.body).toEqual({ workingPeriods: [['08:30', '12:00'], ['13:30', '18:00']], hoursPerWorkday: 8 });
    expect((await admin.get('/api/v1/audit?action=manage_calendar')).body.total).toBe(2);
    await admin.put('/api/v1/admin/calendar/working-periods', { periods: [['08:30', '12:00'], ['13:30', '17:30']] });
  });

  it('refuses overlapping hours and impossible days naming the field; others may not change it', async () => {
    const admin = await s.as('admin');
    const overlap = await admin.put('/api/v1/admin/calendar/working-periods', { periods: [['08:30', '12:00'], ['11:00', '17:30']] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.field).toMatch(/workingPeriods|periods/);
    const day = await admin.put('/api/v1/admin/calendar/days/2026-02-30', { isWorkday: true });
    expect(day.status).toBe(400);
    expect(day.body.error.field).toBe('day');
    expect((await (await s.as('zx_dispatcher')).put('/api/v1/admin/calendar/days/2026-03-05', { isWorkday: false })).status).toBe(403);
    expect((await s.platform.db.query(`select 1 from calendar_days where day = '2026-03-05'`)).rows).toHaveLength(0);
  });
});

describe('stock phrases (惯用语)', () => {
  it('operators read the centre’s phrases; an administrator replaces them; others may not', async () => {
    const operator = await s.as('zx_operator');
    const before = (await operator.get('/api/v1/intake/phrases')).body.phrases;
    expect(before).toContain('市民来电反映：');
    const admin = await s.as('admin');
    const r = await admin.put('/api/v1/admin/intake/phrases', { phrases: ['市民来电反映：', ' 请尽快处理。 ', '请尽快处理。'] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.phrases).toEqual(['市民来电反映：', '请尽快处理。']);
    expect((await operator.get('/api/v1/intake/phrases')).body.phrases).toEqual(['市民来电反映：', '请尽快处理。']);
    const blank = await admin.put('/api/v1/admin/intake/phrases', { phrases: ['好', '   '] });
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toMatch(/phrases/);
    expect((await operator.put('/api/v1/admin/intake/phrases', { phrases: ['x'] })).status).toBe(403);
    expect((await (await s.as('citizen')).get('/api/v1/intake/phrases')).status).toBe(403);
    expect((await operator.get('/api/v1/intake/phrases')).body.phrases).toEqual(['市民来电反映：', '请尽快处理。']);
  });
});
