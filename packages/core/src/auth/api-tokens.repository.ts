/**
 * API tokens (接口令牌) of integrations: listing and revoking. Tokens are never cached (see
 * session-cache.ts), so a revoked token is refused at once by every process.
 */
import type { Queryable } from '@liandong/db';
import type { ApiTokenView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { notFound } from '../shared/errors.ts';
import { iso, isoOrNull } from '../shared/wire.ts';

export interface ApiTokenRow {
  id: number;
  name: string;
  userId: number;
  username: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const columns = `t.id, t.name, t.user_id as "userId", u.username, t.created_at as "createdAt",
  t.expires_at as "expiresAt", t.revoked_at as "revokedAt"`;

export async function listApiTokens(q: Queryable, filter: { username?: string } = {}): Promise<ApiTokenRow[]> {
  const r = await q.query<ApiTokenRow>(
    `select ${columns} from api_tokens t join users u on u.id = t.user_id
      where ($1::text is null or u.username = $1) order by t.id`,
    [filter.username ?? null],
  );
  return r.rows;
}

/**
 * Revokes a token by id, or by name when the reference is not a number (every live token of that
 * name). Returns the tokens revoked now; an already revoked one is not revoked again.
 */
export async function revokeApiToken(q: Queryable, ref: number | string, now: Date): Promise<ApiTokenRow[]> {
  const byId = typeof ref === 'number' || /^[0-9]{1,9}$/.test(ref);
  const r = await q.query<ApiTokenRow>(
    `with revoked as (
       update api_tokens set revoked_at = $2
        where revoked_at is null and ${byId ? 'id = $1::int' : 'name = $1'}
       returning *)
     select ${columns} from revoked t join users u on u.id = t.user_id order by t.id`,
    [String(ref), now],
  );
  return r.rows;
}

export async function getApiToken(q: Queryable, id: number): Promise<ApiTokenRow | null> {
  const r = await q.query<ApiTokenRow>(`select ${columns} from api_tokens t join users u on u.id = t.user_id where t.id = $1`, [id]);
  return r.rows[0] ?? null;
}

const tokenView = (t: ApiTokenRow): ApiTokenView => ({ ...t, createdAt: iso(t.createdAt), expiresAt: isoOrNull(t.expiresAt), revokedAt: isoOrNull(t.revokedAt) });

/** Integration tokens as administrators see them (never the secret). */
export async function listTokensAs(q: Queryable, actor: Actor, filter: { username?: string } = {}): Promise<ApiTokenView[]> {
  assertMay(actor, 'tokens.manage');
  return (await listApiTokens(q, filter)).map(tokenView);
}

/** Revokes a token by id; revoking it again answers the same token (idempotent); 404 when there is none. */
export async function revokeTokenAs(q: Queryable, actor: Actor, id: number, now: Date): Promise<ApiTokenView> {
  assertMay(actor, 'tokens.manage');
  const revoked = await revokeApiToken(q, id, now);
  if (revoked[0]) return tokenView(revoked[0]);
  const existing = await getApiToken(q, id);
  if (existing) return tokenView(existing);
  throw notFound({ zh: '接口令牌', en: 'API token' });
}
