/** Roles (SPEC §1). Stored as rows in `roles`; the codes are fixed because rules refer to them. */
export const ROLES = [
  'citizen',
  'operator',
  'dispatcher',
  'shift_lead',
  'handler',
  'grid_worker',
  'grid_leader',
  'supervisor',
  'leader',
  'admin',
  'integration',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
