/** Defect 12 (session/token parts): expired sessions and old attempts are purged; API tokens are revoked without SQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@liandong/core/auth/authenticate.ts';
import { purgeAuth } from '../src/background.ts';
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './harness.ts';

const ADMIN = 'admin';

let s: TestServer;
let nowMs = Date.parse('2026-03-02T08:00:00Z');
beforeAll(async () => {
  s = await startTestServer({ clock: () => new Date(nowMs) });
});
afterAll(() => s?.close());

const count = async (sql: string, params: unknown[] = []) =>
  (await s.testDb.db.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params)).rows[0]!.n;

describe('purging expired sessions and old login attempts', () => {
  it('deletes sessions once expired and attempts once older than the throttle window, and nothing newer', async () => {
    const login = (username: string, password: string) => s.anonymous.post('/api/v1/auth/login', { username, password });
    const first = await login('zx_dispatcher', DEMO_PASSWORD);
    expect(first.status).toBe(200);
    expect((await login('zx_dispatcher', 'wrong')).status).toBe(401);
    const firstSession = "sessions where user_id = (select id from users where username = 'zx_dispatcher')";
    expect(await count(firstSession)).toBe(1);
    expect(await count("login_attempts where username = 'zx_dispatcher'")).toBe(2);

    nowMs += 20 * 60_000; // past the 15-minute throttle window, session still valid
    await purgeAuth(s.platform);
    expect(await count("login_attempts where username = 'zx_dispatcher'")).toBe(0);
    expect(await count(firstSession)).toBe(1);

    nowMs += 12 * 3_600_000; // the 12-hour session has expired
    expect((await login('zx_shiftlead', DEMO_PASSWORD)).status).toBe(200);
    const r = await purgeAuth(s.platform);
    expect(r.sessions).toBeGreaterThanOrEqual(1);
    expect(await count(firstSession)).toBe(0);
    expect(await count("sessions where user_id = (select id from users where username = 'zx_shiftlead')")).toBe(1);
    expect(await count("login_attempts where username = 'zx_shiftlead'")).toBe(1);
  });
});

describe('revoking API tokens over HTTP (吊销接口令牌)', () => {
  it('lets administrators list and revoke tokens, refuses others, and a revoked token is refused at once', async () => {
    const user = await s.testDb.db.query<{ id: number }>("select id from users where username = 'zx_dispatcher'");
    const secret = await createApiToken(s.testDb.db, { name: 'bridge', userId: user.rows[0]!.id });
    const integration = new Client(s.base, secret);
    expect((await integration.get('/api/v1/me')).status).toBe(200);

    const admin = await s.as(ADMIN);
    expect((await (await s.as('citizen')).get('/api/v1/admin/tokens')).status).toBe(403);
    const list = await admin.get('/api/v1/admin/tokens?user=zx_dispatcher');
    expect(list.status).toBe(200);
    const token = list.body.items.find((t: { name: string }) => t.name === 'bridge');
    expect(token).toMatchObject({ username: 'zx_dispatcher', revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(secret);

    expect((await (await s.as('zx_dispatcher')).request('DELETE', `/api/v1/admin/tokens/${token!.id}`)).status).toBe(403);
    const del = await admin.request('DELETE', `/api/v1/admin/tokens/${token!.id}`);
    expect(del.status).toBe(200);
    expect(del.body.revokedAt).toBeTruthy();
    expect((await integration.get('/api/v1/me')).status).toBe(401);
    const missing = await admin.request('DELETE', '/api/v1/admin/tokens/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});
