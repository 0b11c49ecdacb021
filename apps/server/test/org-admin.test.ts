/**
 * 组织机构与用户 through the API: administrators add and change units and accounts, disable them and reset
 * passwords; a disabled account is out at once; nobody else may; bad input is refused naming the field, in zh
 * and en, and changes nothing; every change is on the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, unitId, type TestServer } from './harness.ts';
import { createOrder } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const SONGLING = '320509001000';
const count = async (sql: string, params: unknown[] = []) => (await s.platform.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;

describe('units', () => {
  it('an administrator adds a unit under a sub-centre, renames it and disables it; it is on the audit trail', async () => {
    const admin = await s.as('admin');
    const sub = await unitId(s, 'WJ-ZX-320509001');
    const created = await admin.post('/api/v1/admin/units', {
      code: 'WJ-SL-HB',
      name: '松陵街道环保所',
      kind: 'department',
      level: 'town',
      parentId: sub,
      divisionCode: SONGLING,
      leaderName: '王所长',
      leaderPhone: '0512-63000000',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ code: 'WJ-SL-HB', parentId: sub, active: true, users: 0, leaderName: '王所长' });
    const id = created.body.id;

    const renamed = await admin.patch(`/api/v1/admin/units/${id}`, { name: '松陵街道生态环境办', enforcement: true });
    expect(renamed.body).toMatchObject({ name: '松陵街道生态环境办', enforcement: true });
    const off = await admin.patch(`/api/v1/admin/units/${id}`, { active: false });
    expect(off.body.active).toBe(false);
    // Disabled units leave the units everyone else picks from, but stay in the administrator's tree.
    expect((await admin.get('/api/v1/units')).body.map((u) => u.id)).not.toContain(id);
    expect((await admin.get('/api/v1/admin/units')).body.find((u) => u.id === id)).toMatchObject({ active: false });

    const audit = await admin.get('/api/v1/audit?action=manage_unit');
    expect(audit.body.items.filter((e) => e.details.unitId === id)).toHaveLength(3);
  });

  it('a unit still at work cannot be disabled; a unit cannot move below itself; each refusal names the field', async () => {
    const admin = await s.as('admin');
    const sub = await unitId(s, 'WJ-ZX-320509001');
    const busy = await admin.patch(`/api/v1/admin/units/${sub}`, { active: false });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatchObject({ code: 'in_use', field: 'active' });
    expect(busy.body.error.message).toMatch(/在办工单 \d+ 件/);
    const en = await (await s.as('admin', 'en')).patch(`/api/v1/admin/units/${sub}`, { active: false });
    expect(en.body.error.message).toMatch(/open orders/);

    const station = (await s.platform.db.query<{ id: number }>('select id from units where parent_id = $1 and kind = $2 limit 1', [sub, 'station'])).rows[0]!.id;
    const loop = await admin.patch(`/api/v1/admin/units/${sub}`, { parentId: station });
    expect(loop.status).toBe(400);
    expect(loop.body.error.field).toBe('parentId');

    const misplaced = await admin.post('/api/v1/admin/units', { code: 'WJ-BAD', name: '错位工作站', kind: 'station', level: 'town', parentId: sub });
    expect(misplaced.status).toBe(400);
    expect(misplaced.body.error.field).toBe('level');
    const taken = await admin.post('/api/v1/admin/units', { code: 'WJ-ZX', name: '重复', kind: 'department', level: 'district' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('code');
    const schema = await admin.post('/api/v1/admin/units', { code: 'WJ-X', name: '', kind: 'department', level: 'district' });
    expect(schema.status).toBe(400);
    expect(schema.body.error.field).toBe('name');
    expect(await count(`units where code in ('WJ-BAD', 'WJ-X')`)).toBe(0);
    expect((await s.platform.db.query('select active, parent_id from units where id = $1', [sub])).rows[0]).toMatchObject({ active: true });
  });
});

describe('users', () => {
  it('a new account gets a one-time password shown once; its holder must change it, then works in his scope', async () => {
    const admin = await s.as('admin');
    const sub = await unitId(s, 'WJ-ZX-320509001');
    const created = await admin.post('/api/v1/admin/users', {
      username: 'sl_dispatcher2',
      displayName: '松陵分中心分拨员二',
      phone: '13800000001',
      unitId: sub,
      roles: ['dispatcher'],
      scopeAreaCodes: [SONGLING],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { user, temporaryPassword } = created.body;
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    expect(user).toMatchObject({ username: 'sl_dispatcher2', roles: ['dispatcher'], active: true, mustChangePassword: true, unit: { id: sub } });
    expect(user.scope.units.map((u) => u.id)).toEqual([sub]);
    expect(user.scope.areas).toEqual([{ code: SONGLING, name: '松陵街道' }]);

    const login = await s.anonymous.post('/api/v1/auth/login', { username: 'sl_dispatcher2', password: temporaryPassword });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const headers = { authorization: `Bearer ${token}` };
    expect((await s.anonymous.request('GET', '/api/v1/orders', undefined, headers)).body.error.code).toBe('password_change_required');
    const changed = await s.anonymous.request('POST', '/api/v1/auth/password', { currentPassword: temporaryPassword, newPassword: 'Songling@2026!' }, headers);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const [here, elsewhere] = [await createOrder(s), await createOrder(s, { gridWorker: 'shengze_gridworker' })];
    const seen = async (id: number) => (await s.anonymous.request('GET', `/api/v1/orders/${id}`, undefined, headers)).status;
    expect(await seen(here.id)).toBe(200);
    expect(await seen(elsewhere.id)).toBe(404);
  });

  it('disabling an account signs its holder out at once; enabling lets him in again', async () => {
    const admin = await s.as('admin');
    const handler = await s.as('cgj_handler');
    expect((await handler.get('/api/v1/me')).status).toBe(200);
    const id = (await s.platform.db.query<{ id: number }>(`select id from users where username = 'cgj_handler'`)).rows[0]!.id;
    const off = await admin.patch(`/api/v1/admin/users/${id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await handler.get('/api/v1/me')).status).toBe(401);
    expect((await s.anonymous.post('/api/v1/auth/login', { username: 'cgj_handler', password: DEMO_PASSWORD })).status).toBe(401);
    await admin.patch(`/api/v1/admin/users/${id}`, { active: true });
    s.forgetSessions();
    expect((await (await s.as('cgj_handler')).get('/api/v1/me')).status).toBe(200);
  });

  it('a reset ends the user’s sessions and gives a one-time password; the old one no longer works', async () => {
    const admin = await s.as('admin');
    const before = await s.as('zx_supervisor');
    const id = (await s.platform.db.query<{ id: number }>(`select id from users where username = 'zx_supervisor'`)).rows[0]!.id;
    const reset = await admin.post(`/api/v1/admin/users/${id}/password-reset`);
    expect(reset.status).toBe(200);
    expect((await before.get('/api/v1/me')).status).toBe(401);
    expect((await s.anonymous.post('/api/v1/auth/login', { username: 'zx_supervisor', password: DEMO_PASSWORD })).status).toBe(401);
    const again = await s.anonymous.post('/api/v1/auth/login', { username: 'zx_supervisor', password: reset.body.temporaryPassword });
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(true);
    expect((await admin.get('/api/v1/audit?action=reset_password')).body.items[0]).toMatchObject({ username: 'admin', details: { targetUserId: id } });
  });

  it('changes roles and scope; the list filters by unit (with the units below), role, state and text', async () => {
    const admin = await s.as('admin');
    const sub = await unitId(s, 'WJ-ZX-320509001');
    const inTown = await admin.get(`/api/v1/admin/users?unitId=${sub}&pageSize=200`);
    expect(inTown.body.total).toBeGreaterThan(3);
    const stations = (await s.platform.db.query<{ id: number }>('select id from units where parent_id = $1', [sub])).rows.map((r) => r.id);
    expect(inTown.body.items.every((u) => u.unit && [sub, ...stations].includes(u.unit.id))).toBe(true);
    const leads = await admin.get(`/api/v1/admin/users?role=shift_lead&q=${encodeURIComponent('松陵')}`);
    expect(leads.body.items.map((u) => u.username)).toEqual(['songling_shiftlead']);
    const lead = leads.body.items[0]!;
    const changed = await admin.patch(`/api/v1/admin/users/${lead.id}`, { roles: ['shift_lead', 'supervisor'], scopeAreaCodes: [SONGLING, '320509002000'] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.roles).toEqual(['shift_lead', 'supervisor']);
    expect(changed.body.scope.areas.map((a) => a.code)).toEqual([SONGLING, '320509002000']);
    expect((await admin.get('/api/v1/admin/users?active=false')).body.items.every((u) => !u.active)).toBe(true);
  });

  it('refuses bad input naming the field, changes nothing; an administrator cannot lock himself out', async () => {
    const admin = await s.as('admin');
    const me = (await admin.get('/api/v1/me')).body;
    const self = await admin.patch(`/api/v1/admin/users/${me.id}`, { active: false });
    expect(self.status).toBe(400);
    expect(self.body.error).toMatchObject({ field: 'active' });
    expect((await admin.patch(`/api/v1/admin/users/${me.id}`, { roles: ['leader'] })).body.error.field).toBe('roles');

    const before = await count('users');
    const badScope = await admin.post('/api/v1/admin/users', { username: 'x_user', displayName: '某某', roles: ['handler'], scopeUnitIds: [1, 999999] });
    expect(badScope.status).toBe(400);
    expect(badScope.body.error).toMatchObject({ field: 'scopeUnitIds[1]' });
    expect(badScope.body.error.message).toMatch(/单位不存在/);
    const badName = await (await s.as('admin', 'en')).post('/api/v1/admin/users', { username: 'X User', displayName: '某某', roles: ['handler'] });
    expect(badName.status).toBe(400);
    expect(badName.body.error).toMatchObject({ field: 'username' });
    expect(badName.body.error.message).toMatch(/lowercase/);
    const badRole = await admin.post('/api/v1/admin/users', { username: 'x_user', displayName: '某某', roles: ['king'] });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.field).toMatch(/^roles/);
    const taken = await admin.post('/api/v1/admin/users', { username: 'admin', displayName: '某某', roles: ['handler'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.field).toBe('username');
    expect(await count('users')).toBe(before);
    expect((await admin.patch('/api/v1/admin/users/999999', { displayName: '无' })).status).toBe(404);
  });

  it('is for administrators only', async () => {
    const dispatcher = await s.as('zx_dispatcher');
    expect((await dispatcher.get('/api/v1/admin/users')).status).toBe(403);
    expect((await dispatcher.get('/api/v1/admin/units')).status).toBe(403);
    expect((await dispatcher.post('/api/v1/admin/users', { username: 'sneaky', displayName: '某某', roles: ['admin'] })).status).toBe(403);
    expect((await dispatcher.patch('/api/v1/admin/units/1', { name: '改名' })).status).toBe(403);
    expect((await dispatcher.post('/api/v1/admin/users/1/password-reset')).status).toBe(403);
    expect(await count(`users where username = 'sneaky'`)).toBe(0);
  });
});
