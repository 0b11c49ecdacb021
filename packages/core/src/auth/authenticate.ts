import type { Queryable } from '@liandong/db';
import type { Clock } from '../shared/clock.ts';
import { loadActor } from '../org/org.repository.ts';
import type { Actor } from '../org/actor.ts';
import { newSecret, sha256 } from './tokens.ts';
import type { SessionCache } from './session-cache.ts';

/** Resolves a bearer secret: a person's session (`lds_…`) or an integration's API token (`ldt_…`). */
export async function authenticate(q: Queryable, secret: string, clock: Clock, cache?: SessionCache): Promise<Actor | null> {
  const id = sha256(secret);
  const now = clock();
  if (secret.startsWith('lds_')) {
    const cached = cache?.get(id, now);
    if (cached) return cached;
    const r = await q.query<{ user_id: number; expires_at: Date }>('select user_id, expires_at from sessions where id = $1 and expires_at > $2', [id, now]);
    const session = r.rows[0];
    if (!session) return null;
    const actor = await loadActor(q, session.user_id);
    if (actor) cache?.set(id, actor, session.expires_at);
    return actor;
  }
  if (secret.startsWith('ldt_')) {
    const r = await q.query<{ user_id: number }>(
      `select user_id from api_tokens where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > $2)`,
      [id, now],
    );
    return r.rows[0] ? loadActor(q, r.rows[0].user_id) : null;
  }
  return null;
}

/** Issues an API token for an integration; the secret is shown once and only its hash is kept. */
export async function createApiToken(q: Queryable, input: { name: string; userId: number; expiresAt?: Date }): Promise<string> {
  const secret = newSecret('ldt');
  await q.query('insert into api_tokens (name, token_hash, user_id, expires_at) values ($1, $2, $3, $4)', [
    input.name,
    sha256(secret),
    input.userId,
    input.expiresAt ?? null,
  ]);
  return secret;
}
