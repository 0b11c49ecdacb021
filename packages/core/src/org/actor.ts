import type { Role } from './roles.ts';

/**
 * Who is acting, with his data scope already expanded: the units he works for and all their
 * sub-units, and the areas (division or grid codes) he covers. Built once per request.
 */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  roles: ReadonlySet<Role>;
  /** His own unit (for the timeline). */
  unitId: number | null;
  /** His scope units and their descendants. */
  unitIds: readonly number[];
  /** Division codes (12 digits) and grid codes he covers. */
  areaCodes: readonly string[];
  /** Signed in with a one-time password: may do nothing but choose his own (the server enforces it). */
  mustChangePassword?: boolean;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((r) => actor.roles.has(r));
}

export function coversUnit(actor: Actor, unitId: number | null | undefined): boolean {
  return unitId != null && actor.unitIds.includes(unitId);
}

export function coversArea(actor: Actor, ...codes: (string | null | undefined)[]): boolean {
  return codes.some((c) => c != null && actor.areaCodes.includes(c));
}
