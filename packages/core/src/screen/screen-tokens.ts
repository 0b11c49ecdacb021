/**
 * 大屏令牌 (screen tokens): the key a wall display shows its area's figures with, no one signed in. Made by an
 * administrator for the district or one town, the secret (`ldw_…`) shown once and only its SHA-256 kept, never
 * cached: every request and every open stream asks the table again, so a revoked token stops its screens at once.
 */
import type { Queryable } from '@liandong/db';
import type { ScreenTokenView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { newSecret, sha256 } from '../auth/tokens.ts';
import { DomainError, notFound, unprocessable } from '../shared/errors.ts';
import { iso, isoOrNull } from '../shared/wire.ts';

export const SCREEN_TOKEN_PREFIX = 'ldw';

/** What a valid screen token shows: an area of the district (the district itself or one town). */
export interface ScreenScope {
  tokenId: number;
  areaCode: string;
  areaName: string;
  level: 'district' | 'town';
}

interface Row {
  id: number;
  name: string;
  area_code: string;
  area_name: string;
  created_at: Date;
  created_by: string | null;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}

const SELECT = `select t.id, t.name, t.area_code, d.name as area_name, t.created_at, u.username as created_by, t.last_seen_at, t.revoked_at
                  from screen_tokens t join divisions d on d.code = t.area_code left join users u on u.id = t.created_by`;

const view = (r: Row): ScreenTokenView => ({
  id: r.id,
  name: r.name,
  areaCode: r.area_code,
  areaName: r.area_name,
  createdAt: iso(r.created_at),
  createdBy: r.created_by,
  lastSeenAt: isoOrNull(r.last_seen_at),
  revokedAt: isoOrNull(r.revoked_at),
});

export async function listScreenTokens(q: Queryable, actor: Actor): Promise<ScreenTokenView[]> {
  assertMay(actor, 'tokens.manage');
  return (await q.query<Row>(`${SELECT} order by t.revoked_at is not null, t.id desc`)).rows.map(view);
}

/** Makes a token for the district or one of its towns; answers it with the secret, shown this once. */
export async function createScreenToken(q: Queryable, actor: Actor, input: { name: string; areaCode: string }): Promise<{ token: ScreenTokenView; secret: string }> {
  assertMay(actor, 'tokens.manage');
  const name = input.name.trim();
  if (!name) throw unprocessable('name', '请填写大屏名称（如：区指挥中心大厅）', 'Name the screen (e.g. the district centre’s hall)');
  const area = await q.query<{ level: string }>(`select level from divisions where code = $1`, [input.areaCode]);
  const level = area.rows[0]?.level;
  if (level !== 'district' && level !== 'town') {
    throw unprocessable('areaCode', '大屏范围应为全区或一个镇（街道）', 'A screen shows the district or one town');
  }
  const secret = newSecret(SCREEN_TOKEN_PREFIX);
  const r = await q.query<{ id: number }>(`insert into screen_tokens (name, area_code, token_hash, created_by) values ($1, $2, $3, $4) returning id`, [
    name,
    input.areaCode,
    sha256(secret),
    actor.userId,
  ]);
  const row = (await q.query<Row>(`${SELECT} where t.id = $1`, [r.rows[0]!.id])).rows[0]!;
  return { token: view(row), secret };
}

/** Revokes a token (again: the same answer); its open streams end on their next check. */
export async function revokeScreenToken(q: Queryable, actor: Actor, id: number, now: Date): Promise<ScreenTokenView> {
  assertMay(actor, 'tokens.manage');
  await q.query(`update screen_tokens set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null`, [id, now, actor.userId]);
  const row = (await q.query<Row>(`${SELECT} where t.id = $1`, [id])).rows[0];
  if (!row) throw notFound({ zh: '大屏令牌', en: 'screen token' });
  return view(row);
}

export const screenTokenMissing = () =>
  new DomainError(401, 'screen_token_missing', { zh: '大屏地址缺少令牌（?token=…），请向管理员索取大屏地址', en: 'The screen’s address has no token (?token=…): ask an administrator for it' }, 'token');
export const screenTokenInvalid = () =>
  new DomainError(401, 'screen_token_invalid', { zh: '大屏令牌无效，请核对大屏地址', en: 'This screen token is not valid: check the screen’s address' }, 'token');
export const screenTokenRevoked = () =>
  new DomainError(403, 'screen_token_revoked', { zh: '大屏令牌已被吊销，请向管理员索取新的大屏地址', en: 'This screen token was revoked: ask an administrator for a new address' }, 'token');

/**
 * The area a screen token shows, or the named refusal: none given (401), not one we made (401), revoked (403).
 * Notes when the screen was last seen (at most once a minute per token).
 */
export async function resolveScreenToken(q: Queryable, secret: string | undefined, now: Date): Promise<ScreenScope> {
  if (!secret) throw screenTokenMissing();
  if (!secret.startsWith(`${SCREEN_TOKEN_PREFIX}_`)) throw screenTokenInvalid();
  const r = await q.query<{ id: number; area_code: string; area_name: string; level: 'district' | 'town'; revoked_at: Date | null; last_seen_at: Date | null }>(
    `select t.id, t.area_code, d.name as area_name, d.level, t.revoked_at, t.last_seen_at
       from screen_tokens t join divisions d on d.code = t.area_code where t.token_hash = $1`,
    [sha256(secret)],
  );
  const t = r.rows[0];
  if (!t) throw screenTokenInvalid();
  if (t.revoked_at) throw screenTokenRevoked();
  if (!t.last_seen_at || now.getTime() - t.last_seen_at.getTime() > 60_000) {
    await q.query(`update screen_tokens set last_seen_at = $2 where id = $1`, [t.id, now]);
  }
  return { tokenId: t.id, areaCode: t.area_code, areaName: t.area_name, level: t.level };
}
