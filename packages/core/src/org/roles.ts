/** Roles (SPEC §1): the codes live in contracts (one copy); stored as rows in `roles`. */
import { ROLES, type Role } from '@liandong/contracts';

export { ROLES, type Role };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
