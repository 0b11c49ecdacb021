import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredAuth } from './purge.ts';

const T0 = new Date('2026-03-02T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

describe('auth housekeeping (清理过期会话)', () => {
  it('deletes expired sessions and login attempts older than the throttle window, keeps the rest', async () => {
    const u = await t.db.query<{ id: number }>(`insert into users (username, display_name, password_hash) values ('purge-me', 'P', 'x') returning id`);
    const userId = u.rows[0]!.id;
    await t.db.query(
      `insert into sessions (id, user_id, created_at, expires_at) values ('old', $1, $2, $3), ('live', $1, $2, $4)`,
      [userId, at(-720), at(-1), at(60)],
    );
    await t.db.query(
      `insert into login_attempts (username, ip, success, at) values ('purge-me', '1.2.3.4', false, $1), ('purge-me', '1.2.3.4', false, $2)`,
      [at(-16), at(-14)],
    );
    expect(await purgeExpiredAuth(t.db, T0)).toEqual({ sessions: 1, attempts: 1 });
    expect((await t.db.query<{ id: string }>('select id from sessions where user_id = $1', [userId])).rows.map((r) => r.id)).toEqual(['live']);
    expect((await t.db.query(`select 1 from login_attempts where username = 'purge-me'`)).rowCount).toBe(1);
    // An hour later the live session has expired too, and the last attempt is outside the window.
    expect(await purgeExpiredAuth(t.db, at(61))).toEqual({ sessions: 1, attempts: 1 });
  });
});
