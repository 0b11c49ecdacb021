/**
 * A person changes his own password (修改密码): the current one must match; the new one must be long enough
 * and different. Clears the must-change flag of a one-time password, and ends his other sessions.
 */
import type { Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { DomainError, invalidField } from '../shared/errors.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { sha256 } from './tokens.ts';

export const MIN_PASSWORD_LENGTH = 12;

export async function changePassword(
  q: Queryable,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; currentSecret?: string },
): Promise<void> {
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    throw invalidField('newPassword', `至少 ${MIN_PASSWORD_LENGTH} 位`, `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (input.newPassword === input.currentPassword) {
    throw invalidField('newPassword', '不能与当前密码相同', 'must differ from the current password');
  }
  const r = await q.query<{ password_hash: string | null }>('select password_hash from users where id = $1 and active', [actor.userId]);
  if (!(await verifyPassword(r.rows[0]?.password_hash ?? null, input.currentPassword))) {
    throw new DomainError(403, 'wrong_password', { zh: '当前密码不正确', en: 'The current password is wrong' }, 'currentPassword');
  }
  await q.query('update users set password_hash = $2, must_change_password = false where id = $1', [actor.userId, await hashPassword(input.newPassword)]);
  const keep = input.currentSecret ? sha256(input.currentSecret) : '';
  await q.query('delete from sessions where user_id = $1 and id <> $2', [actor.userId, keep]);
}
