import type { Db } from '@liandong/db';
import { DomainError } from '../shared/errors.ts';
import type { Clock } from '../shared/clock.ts';
import { findUserByUsername, loadActor } from '../org/org.repository.ts';
import type { Actor } from '../org/actor.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { isThrottled, THROTTLE } from './throttle.rules.ts';
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

/** Signs a person in: checks throttling, the argon2 hash, and opens a session. */
export async function login(db: Db, input: LoginInput, clock: Clock): Promise<LoginResult> {
  const now = clock();
  const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const f = await db.query<{ by_user: number; by_ip: number }>(
    `select count(*) filter (where username = $1)::int as by_user, count(*) filter (where ip = $2)::int as by_ip
       from login_attempts where not success and at > $3 and (username = $1 or ip = $2)`,
    [input.username, input.ip, since],
  );
  if (isThrottled({ byUser: f.rows[0]!.by_user, byIp: f.rows[0]!.by_ip })) {
    throw new DomainError(429, 'login_throttled', {
      zh: `登录失败次数过多，请 ${THROTTLE.windowMinutes} 分钟后再试`,
      en: `Too many failed sign-ins; try again in ${THROTTLE.windowMinutes} minutes`,
    });
  }
  const user = await findUserByUsername(db, input.username);
  let ok = false;
  if (user?.active) ok = await verifyPassword(user.password_hash, input.password);
  else await verifyPassword(await decoyHash(), input.password); // same cost whether or not the user exists
  await db.query('insert into login_attempts (username, ip, success, at) values ($1, $2, $3, $4)', [
    input.username,
    input.ip,
    ok,
    now,
  ]);
  if (!ok || !user) throw badCredentials();
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
