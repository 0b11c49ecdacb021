/** SQL of the citizen's sign-in by SMS code: the codes sent (hashed), the citizens' sessions (hashed tokens). */
import type { Queryable } from '@liandong/db';

/** Advisory-lock class of one phone's codes (with the phone's hash as the second key). */
const PHONE_LOCK = 0x4c4433;

/** Takes the phone's lock for the transaction: its codes are sent and tried one request at a time. */
export async function lockPhone(tx: Queryable, phone: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1, hashtext($2))', [PHONE_LOCK, phone]);
}

/** When codes were sent to the phone since `since`. */
export async function codesSentSince(q: Queryable, phone: string, since: Date): Promise<Date[]> {
  const r = await q.query<{ created_at: Date }>('select created_at from citizen_sign_in_codes where phone = $1 and created_at > $2 order by created_at desc', [phone, since]);
  return r.rows.map((x) => new Date(x.created_at));
}

/** Ends the phone's codes still open: a new one replaces them. */
export async function endOpenCodes(q: Queryable, phone: string, now: Date): Promise<void> {
  await q.query('update citizen_sign_in_codes set ended_at = $2 where phone = $1 and ended_at is null and expires_at > $2', [phone, now]);
}

export async function insertCode(q: Queryable, c: { phone: string; salt: string; codeHash: string; createdAt: Date; expiresAt: Date; ip: string | null }): Promise<void> {
  await q.query('insert into citizen_sign_in_codes (phone, salt, code_hash, created_at, expires_at, ip) values ($1, $2, $3, $4, $5, $6)', [
    c.phone,
    c.salt,
    c.codeHash,
    c.createdAt,
    c.expiresAt,
    c.ip,
  ]);
}

export interface LiveCode {
  id: number;
  phone: string;
  salt: string;
  code_hash: string;
  tries: number;
}

/** The phone's newest code that may still be tried (not ended, not expired). */
export async function liveCode(q: Queryable, phone: string, now: Date): Promise<LiveCode | null> {
  const r = await q.query<LiveCode>(
    `select id, phone, salt, code_hash, tries from citizen_sign_in_codes
      where phone = $1 and ended_at is null and expires_at > $2 order by created_at desc, id desc limit 1`,
    [phone, now],
  );
  return r.rows[0] ?? null;
}

/** Counts a wrong try; `end` voids the code (its last try). */
export async function countWrongTry(q: Queryable, id: number, end: Date | null): Promise<void> {
  await q.query('update citizen_sign_in_codes set tries = tries + 1, ended_at = coalesce($2, ended_at) where id = $1', [id, end]);
}

export async function endCode(q: Queryable, id: number, now: Date): Promise<void> {
  await q.query('update citizen_sign_in_codes set tries = tries + 1, ended_at = $2 where id = $1', [id, now]);
}

export async function insertSession(q: Queryable, s: { id: string; phone: string; createdAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<void> {
  await q.query('insert into citizen_sessions (id, phone, created_at, expires_at, ip, user_agent) values ($1, $2, $3, $4, $5, $6)', [
    s.id,
    s.phone,
    s.createdAt,
    s.expiresAt,
    s.ip,
    s.userAgent,
  ]);
}

export async function sessionById(q: Queryable, id: string, now: Date): Promise<{ phone: string; expires_at: Date } | null> {
  const r = await q.query<{ phone: string; expires_at: Date }>('select phone, expires_at from citizen_sessions where id = $1 and expires_at > $2', [id, now]);
  return r.rows[0] ?? null;
}

export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query('delete from citizen_sessions where id = $1', [id]);
}

/** Expired sessions, and codes older than the day their phone's limits look back on. */
export async function purgeCitizenSignIns(q: Queryable, now: Date, codesBefore: Date): Promise<{ sessions: number; codes: number }> {
  const sessions = await q.query('delete from citizen_sessions where expires_at <= $1', [now]);
  const codes = await q.query('delete from citizen_sign_in_codes where created_at < $1', [codesBefore]);
  return { sessions: sessions.rowCount, codes: codes.rowCount };
}
