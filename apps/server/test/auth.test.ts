import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@liandong/core/auth/authenticate.ts';
import { Client, DEMO_PASSWORD, startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

describe('sessions and tokens', () => {
  it('signs in with the demo password, sets an HttpOnly session cookie and answers /me', async () => {
    const res = await fetch(`${s.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'zx_dispatcher', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/ld_session=lds_[\w-]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${s.base}/api/v1/me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { username: string; roles: string[] };
    expect(body.username).toBe('zx_dispatcher');
    expect(body.roles).toEqual(['dispatcher']);
  });

  it('refuses a wrong password with 401 and a message in the requested language', async () => {
    const zh = await s.anonymous.post('/api/v1/auth/login', { username: 'leader', password: 'wrong-password' });
    expect(zh.status).toBe(401);
    expect(zh.body.error.message).toBe('用户名或密码错误');
    const en = await new Client(s.base, undefined, 'en').post('/api/v1/auth/login', { username: 'nobody', password: 'x' });
    expect(en.status).toBe(401);
    expect(en.body.error.message).toBe('Wrong username or password');
  });

  it('throttles a username after five failures, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await s.anonymous.post('/api/v1/auth/login', { username: 'zx_supervisor', password: `bad-${i}` })).status).toBe(401);
    }
    const locked = await s.anonymous.post('/api/v1/auth/login', { username: 'zx_supervisor', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('login_throttled');
    // Another user is not affected.
    expect((await s.anonymous.post('/api/v1/auth/login', { username: 'zx_shiftlead', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('rejects a malformed login body naming the field', async () => {
    const r = await s.anonymous.post('/api/v1/auth/login', { username: 'admin' });
    expect(r.status).toBe(400);
    expect(r.body.error.field).toBe('password');
  });

  it('answers 401 without credentials and with a revoked or unknown token', async () => {
    expect((await s.anonymous.get('/api/v1/orders')).status).toBe(401);
    expect((await new Client(s.base, 'lds_not-a-session').get('/api/v1/orders')).status).toBe(401);
  });

  it('lets an integration act through an API token, and logout ends a session', async () => {
    const user = await s.platform.db.query<{ id: number }>(`select id from users where username = 'hotline_api'`);
    const token = await createApiToken(s.platform.db, { name: '12345 bridge', userId: user.rows[0]!.id });
    const api = new Client(s.base, token);
    expect((await api.get('/api/v1/me')).body.roles).toEqual(['integration']);
    await s.platform.db.query('update api_tokens set revoked_at = now()');
    expect((await api.get('/api/v1/me')).status).toBe(401);
    const session = await s.anonymous.post('/api/v1/auth/login', { username: 'leader', password: DEMO_PASSWORD });
    const c = new Client(s.base, session.body.token);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    await c.post('/api/v1/auth/logout');
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });
});

describe('system endpoints', () => {
  it('reports health, the OpenAPI document, the docs page and the demo accounts', async () => {
    expect((await s.anonymous.get('/api/health')).body).toEqual({ status: 'ok' });
    const doc = (await s.anonymous.request('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/v1/orders', '/api/v1/orders/{id}', '/api/v1/orders/{id}/actions/dispatch', '/api/v1/auth/login', '/api/v1/territory/lookup']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const docs = await fetch(`${s.base}/api/docs`, { redirect: 'follow' });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toMatch(/swagger/i);
    const accounts = (await s.anonymous.get('/api/v1/demo/accounts')).body as { username: string; role: string }[];
    const roles = new Set(accounts.map((a) => a.role));
    for (const role of ['admin', 'operator', 'dispatcher', 'shift_lead', 'handler', 'grid_worker', 'grid_leader', 'supervisor', 'leader', 'citizen']) {
      expect(roles).toContain(role);
    }
    expect(JSON.stringify(accounts)).not.toMatch(/password|argon2/i);
  });

  it('answers unknown endpoints with a JSON 404', async () => {
    const r = await s.anonymous.request('GET', '/api/v1/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
  });
});
