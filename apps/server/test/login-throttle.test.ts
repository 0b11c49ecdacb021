/**
 * Login throttling. Once it was raced (40 parallel wrong passwords from one address: 40 × 401, no 429)
 * and a lockout weapon (5 wrong passwords locked an account for its owner everywhere; 30 from one address
 * locked every account behind it). Now each attempt is counted atomically before the password check, and
 * delays grow per (account, address) and per address, so the owner from elsewhere is never locked out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
let now = new Date('2026-03-04T02:00:00Z');

beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
});

afterAll(async () => {
  await s?.close();
});

const advance = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));

async function login(username: string, password: string, from: string) {
  const res = await fetch(`${s.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
}

describe('login throttling', () => {
  it('40 parallel wrong passwords from one address: five are checked, the rest wait (429 with Retry-After)', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('zx_supervisor', `wrong-${i}`, '10.1.0.1')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 401)).toHaveLength(5);
    expect(statuses.filter((x) => x === 429)).toHaveLength(35);
    const throttled = answers.find((a) => a.status === 429)!;
    expect(throttled.body.error.code).toBe('login_throttled');
    expect(Number(throttled.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it("an attacker's failures do not lock the owner out from his own address", async () => {
    for (let i = 0; i < 20; i++) await login('leader', `guess-${i}`, '10.2.0.66');
    expect((await login('leader', DEMO_PASSWORD, '10.2.0.66')).status).toBe(429);
    expect((await login('leader', DEMO_PASSWORD, '10.2.0.7')).status).toBe(200);
  });

  it('after the free failures the delay doubles with each failure, and a success clears it', async () => {
    const from = '10.3.0.1';
    for (let i = 0; i < 5; i++) expect((await login('zx_shiftlead', `bad-${i}`, from)).status).toBe(401);
    const first = await login('zx_shiftlead', DEMO_PASSWORD, from);
    expect([first.status, first.retryAfter]).toEqual([429, '1']);
    advance(1);
    expect((await login('zx_shiftlead', 'bad-6', from)).status).toBe(401);
    expect((await login('zx_shiftlead', 'bad-7', from)).retryAfter).toBe('2');
    advance(2);
    expect((await login('zx_shiftlead', 'bad-8', from)).status).toBe(401);
    expect((await login('zx_shiftlead', 'bad-9', from)).retryAfter).toBe('4');
    advance(4);
    expect((await login('zx_shiftlead', DEMO_PASSWORD, from)).status).toBe(200);
    expect((await login('zx_shiftlead', 'bad-10', from)).status).toBe(401);
    expect((await login('zx_shiftlead', DEMO_PASSWORD, from)).status).toBe(200);
  });

  it('an address failing across many accounts is slowed; other addresses are not', async () => {
    const from = '10.4.0.1';
    for (let i = 0; i < 30; i++) expect((await login(`nobody-${i}`, 'x', from)).status).toBe(401);
    const slowed = await login('zx_operator', DEMO_PASSWORD, from);
    expect(slowed.status).toBe(429);
    expect((await login('zx_operator', DEMO_PASSWORD, '10.4.0.2')).status).toBe(200);
    advance(1);
    expect((await login('zx_operator', DEMO_PASSWORD, from)).status).toBe(200);
  });

  it('failures older than the window are forgotten', async () => {
    const from = '10.5.0.1';
    for (let i = 0; i < 12; i++) await login('zx_dispatcher', `bad-${i}`, from);
    expect((await login('zx_dispatcher', DEMO_PASSWORD, from)).status).toBe(429);
    advance(15 * 60 + 1);
    expect((await login('zx_dispatcher', DEMO_PASSWORD, from)).status).toBe(200);
  });
});
