import type { Queryable } from '@liandong/db';
import { conflict, invalidField } from '../shared/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import { isRole, type Role } from './roles.ts';

export interface AddUserInput {
  username: string;
  displayName: string;
  /** Either a clear password (hashed here) or a ready argon2 hash (bulk demo loads share one). */
  password?: string;
  passwordHash?: string;
  phone?: string | null;
  unitId?: number | null;
  roles: Role[];
  scope: { unitIds?: number[]; areaCodes?: string[] };
  gridWorkerKind?: 'full_time' | 'part_time';
}

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,39}$/;

export async function addUser(q: Queryable, input: AddUserInput): Promise<number> {
  if (!USERNAME.test(input.username)) {
    throw invalidField('username', '须为 2–40 位小写字母、数字、_.-', 'must be 2–40 lowercase letters, digits or _.-');
  }
  if (!input.displayName.trim()) throw invalidField('displayName', '不能为空', 'must not be empty');
  const bad = input.roles.find((r) => !isRole(r));
  if (bad || input.roles.length === 0) throw invalidField('roles', `无效角色 ${bad ?? ''}`, `invalid role ${bad ?? '(none)'}`);
  if (input.password !== undefined && input.password.length < 8) {
    throw invalidField('password', '至少 8 位', 'must be at least 8 characters');
  }
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const r = await q.query<{ id: number }>(
    `insert into users (username, display_name, password_hash, phone, unit_id, grid_worker_kind)
     values ($1, $2, $3, $4, $5, $6) on conflict (username) do nothing returning id`,
    [input.username, input.displayName, passwordHash, input.phone ?? null, input.unitId ?? null, input.gridWorkerKind ?? null],
  );
  const id = r.rows[0]?.id;
  if (id === undefined) throw conflict('username_taken', `用户名 ${input.username} 已存在`, `Username ${input.username} is taken`, 'username');
  await q.query('insert into user_roles (user_id, role) select $1, unnest($2::text[])', [id, input.roles]);
  const unitIds = input.scope.unitIds ?? [];
  const areas = input.scope.areaCodes ?? [];
  if (unitIds.length) await q.query('insert into user_scopes (user_id, unit_id) select $1, unnest($2::int[])', [id, unitIds]);
  if (areas.length) await q.query('insert into user_scopes (user_id, area_code) select $1, unnest($2::text[])', [id, areas]);
  return id;
}
