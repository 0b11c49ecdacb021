/**
 * 幂等键: a client names each request that changes an order with an Idempotency-Key, so that a retry (a lost
 * answer, a phone's outbox sending again) changes nothing twice. One table holds the keys of new orders, added
 * callers and actions, per user; a key's request hash tells a true retry from a key reused for something else.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { DomainError, invalidField } from '../shared/errors.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Whose keys a key is compared with: the user's (or the token's user). */
export function idempotencyScope(actor: Actor): string {
  return `u:${actor.userId}`;
}

/** The key a request that creates something must carry. */
export function validateIdempotencyKey(key: string | undefined): string {
  if (!key) throw invalidField('Idempotency-Key', '登记工单须带 Idempotency-Key 请求头', 'the Idempotency-Key header is required to create an order');
  return checkedIdempotencyKey(key)!;
}

/** A key a request may carry (an action: the console's clicks need none, the field app's outbox sends one). */
export function checkedIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (!KEY_PATTERN.test(key)) throw invalidField('Idempotency-Key', '须为 1–200 个可见 ASCII 字符', 'must be 1–200 visible ASCII characters');
  return key;
}

export function requestHashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export const keyReused = () =>
  new DomainError(422, 'idempotency_key_reused', { zh: '该幂等键已用于另一次不同的请求', en: 'This Idempotency-Key was already used for a different request' }, 'Idempotency-Key');

/**
 * Takes a key for a change of one order, inside the change's transaction (the order already locked, so two
 * sends of one request wait for each other): true when the key is new (go on; a rollback gives it back), false
 * when this very request was made before (answer as then, change nothing). A key reused for another request: 422.
 */
export async function claimIdempotencyKey(tx: Queryable, k: { scope: string; key: string; hash: string; orderId: number; now: Date }): Promise<boolean> {
  const taken = await tx.query<{ request_hash: string }>(
    `with ins as (insert into idempotency_keys (scope, key, request_hash, order_id, created_at) values ($1, $2, $3, $4, $5) on conflict do nothing returning 1)
     select request_hash from idempotency_keys where scope = $1 and key = $2 and not exists (select 1 from ins)`,
    [k.scope, k.key, k.hash, k.orderId, k.now],
  );
  if (!taken.rows[0]) return true;
  if (taken.rows[0].request_hash !== k.hash) throw keyReused();
  return false;
}

/** Whether a key was taken already in a scope (a retry, to be answered as the first, whatever limits say now). */
export async function isKeyTaken(q: Queryable, scope: string, key: string): Promise<boolean> {
  return (await q.query('select 1 from idempotency_keys where scope = $1 and key = $2', [scope, key])).rows.length > 0;
}
