import type { Db } from '@liandong/db';
import { DomainError, TooManyRequests } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import { findUserByUsername, loadActor } from '../org/org.repository.ts';
import type { Actor } from '../org/actor.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { THROTTLE, waitSeconds } from './throttle.rules.ts';
import { newSecret, sha256 } from './tokens.ts';

export const SESSION_HOURS = 12;

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

const badCredentials = () =>
  new DomainError(401, 'bad_credentials', { zh: '用户名或密码错误', en: 'Wrong username or password' });

/** Advisory-lock class of login attempts (with the address's hash as the second key). */
const LOGIN_LOCK = 0x4c4401;

/**
 * Records the attempt, as a failure until it proves otherwise, after checking the throttle — under a
 * lock per address, so parallel attempts are counted one after the other and none skips the count.
 * Returns the attempt's id, or throws 429 with the seconds to wait.
 */
async function claimAttempt(db: Db, username: string, ip: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [LOGIN_LOCK, ip]);
    const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
    const r = await tx.query<{ pair: number; address: number; last_pair: Date | null; last_address: Date | null }>(
      `with cleared as (
         select greatest($3::timestamptz, coalesce(max(at), '-infinity')) as since
           from login_attempts where username = $1 and ip = $2 and success)
       select count(*) filter (where a.username = $1 and a.at > c.since)::int as pair, count(*)::int as address,
              max(a.at) filter (where a.username = $1 and a.at > c.since) as last_pair, max(a.at) as last_address
         from login_attempts a cross join cleared c
        where a.ip = $2 and not a.success and a.at > $3`,
      [username, ip, since],
    );
    const f = r.rows[0]!;
    const ago = (at: Date | null) => (at ? (now.getTime() - new Date(at).getTime()) / 1000 : Infinity);
    const wait = waitSeconds({ pair: f.pair, address: f.address, secondsSinceLastPair: ago(f.last_pair), secondsSinceLastAddress: ago(f.last_address) });
    if (wait > 0) {
      const seconds = Math.ceil(wait);
      throw new TooManyRequests(seconds, 'login_throttled', {
        zh: `登录失败次数过多，请 ${seconds} 秒后再试`,
        en: `Too many failed sign-ins; try again in ${seconds} seconds`,
      });
    }
    const ins = await tx.query<{ id: number }>(
      'insert into login_attempts (username, ip, success, at) values ($1, $2, false, $3) returning id',
      [username, ip, now],
    );
    return ins.rows[0]!.id;
  });
}

/** Signs a person in: claims a throttled attempt, checks the argon2 hash, and opens a session. */
export async function login(db: Db, input: LoginInput, clock: Clock): Promise<LoginResult> {
  const now = clock();
  const attempt = await claimAttempt(db, input.username, input.ip, now);
  const user = await findUserByUsername(db, input.username);
  let ok = false;
  if (user?.active) ok = await verifyPassword(user.password_hash, input.password);
  else await verifyPassword(await decoyHash(), input.password); // same cost whether or not the user exists
  if (!ok || !user) throw badCredentials();
  await db.query('update login_attempts set success = true where id = $1', [attempt]);
  const actor = await loadActor(db, user.id);
  if (!actor) throw badCredentials();
  const token = newSecret('lds');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.query('insert into sessions (id, user_id, created_at, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)', [
    sha256(token),
    user.id,
    now,
    expiresAt,
    input.ip,
    input.userAgent ?? null,
  ]);
  return { token, expiresAt, actor };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.query('delete from sessions where id = $1', [sha256(token)]);
}
