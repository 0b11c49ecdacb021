/**
 * The deployment's first start (首次启动). A database is `empty` (nothing loaded yet), `ready` (its initial
 * data — the demo district, or the first administrator — is complete: the marker row is written in the same
 * transaction as that data) or `incomplete` (data without the marker: never healthy, never used as if whole).
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '@liandong/db';
import { addUser } from '../org/add-user.ts';

export const DEPLOYMENT_READY_KEY = 'deployment.ready';

export type DeploymentState = 'empty' | 'ready' | 'incomplete';
export type DeploymentKind = 'demo' | 'production';

export async function deploymentState(q: Queryable): Promise<DeploymentState> {
  const r = await q.query<{ ready: boolean; n: number }>(
    `select exists (select 1 from settings where key = $1) as ready,
            (select count(*) from units) + (select count(*) from divisions) + (select count(*) from users) as n`,
    [DEPLOYMENT_READY_KEY],
  );
  const row = r.rows[0]!;
  return row.ready ? 'ready' : Number(row.n) === 0 ? 'empty' : 'incomplete';
}

/** Writes the marker; call it in the transaction that completes the initial data. */
export async function markDeploymentReady(q: Queryable, kind: DeploymentKind, at: Date): Promise<void> {
  await q.query(
    `insert into settings (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [DEPLOYMENT_READY_KEY, JSON.stringify({ kind, at: at.toISOString() })],
  );
}

export const FIRST_ADMIN = 'admin';

/** A password for the first administrator: 18 characters from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return [...randomBytes(18)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * A production deployment starts with one administrator, `admin`, whose password (given, or generated and
 * shown once by the caller) must be changed at first sign-in. Returns false when an administrator exists.
 */
export async function createFirstAdmin(q: Queryable, password: string): Promise<boolean> {
  const r = await q.query('select 1 from user_roles where role = $1 limit 1', ['admin']);
  if (r.rows.length > 0) return false;
  const id = await addUser(q, { username: FIRST_ADMIN, displayName: '系统管理员', password, roles: ['admin'], scope: {} });
  await q.query('update users set must_change_password = true where id = $1', [id]);
  return true;
}
