/**
 * Data scope (数据权限): who may see an order. A user sees the orders located in his areas, the orders
 * his units dispatch, handle or ever handled, and his own reports. Administrators see everything.
 * `canSeeOrder` (one loaded order) and `orderScopeSql` (lists) must say the same thing.
 */
import type { Queryable } from '@liandong/db';
import { coversArea, coversUnit, hasRole, type Actor } from '../org/actor.ts';
import type { ActionName } from '@liandong/contracts';
import { allowedActionsFor, orderFacts, type Responsibility } from './lifecycle.rules.ts';
import type { OrderRow } from './order.types.ts';
import { involvedUnitIds } from './order.repository.ts';

export function seesAll(actor: Actor): boolean {
  return hasRole(actor, 'admin');
}

/** What deciding whether someone sees an order needs to know of it. */
export type ScopeFacts = Pick<OrderRow, 'created_by' | 'district_code' | 'town_code' | 'village_code' | 'grid_code' | 'dispatch_unit_id' | 'handler_unit_id'>;

/** Whether the actor sees the order without asking which units were ever involved in it. */
function seesDirectly(actor: Actor, o: ScopeFacts): boolean {
  if (seesAll(actor) || o.created_by === actor.userId) return true;
  if (coversArea(actor, o.district_code, o.town_code, o.village_code, o.grid_code)) return true;
  return coversUnit(actor, o.dispatch_unit_id) || coversUnit(actor, o.handler_unit_id);
}

/** The rule, given the units ever involved in the order (lead, co-handler, dispatching centre). */
export function seesOrder(actor: Actor, o: ScopeFacts, involvedUnitIds: readonly number[]): boolean {
  return seesDirectly(actor, o) || involvedUnitIds.some((u) => actor.unitIds.includes(u));
}

export async function canSeeOrder(q: Queryable, actor: Actor, o: OrderRow): Promise<boolean> {
  if (seesDirectly(actor, o)) return true;
  if (actor.unitIds.length === 0) return false;
  return seesOrder(actor, o, await involvedUnitIds(q, o.id));
}

/** The SQL twin of canSeeOrder, for an `orders` alias `o`; appends its parameters to `params`. */
export function orderScopeSql(actor: Actor, params: unknown[], alias = 'o'): string {
  if (seesAll(actor)) return 'true';
  params.push(actor.areaCodes, actor.unitIds, actor.userId);
  const [a, u, me] = [params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
  return `(${alias}.created_by = ${me}
    or ${alias}.district_code = any(${a}::text[]) or ${alias}.town_code = any(${a}::text[])
    or ${alias}.village_code = any(${a}::text[]) or ${alias}.grid_code = any(${a}::text[])
    or ${alias}.dispatch_unit_id = any(${u}::int[]) or ${alias}.handler_unit_id = any(${u}::int[])
    or exists (select 1 from order_units ou where ou.order_id = ${alias}.id and ou.unit_id = any(${u}::int[])))`;
}

/** The responsibilities an actor holds towards an order, which the state machine's rules refer to. */
export function responsibilitiesOf(actor: Actor, o: OrderRow): Set<Responsibility> {
  const holds = new Set<Responsibility>();
  if (coversUnit(actor, o.dispatch_unit_id)) holds.add('dispatch_unit');
  if (coversUnit(actor, o.handler_unit_id)) holds.add('handler_unit');
  if ((o.co_unit_ids ?? []).some((u) => coversUnit(actor, u))) holds.add('co_unit');
  if (coversArea(actor, o.grid_code, o.village_code)) holds.add('grid');
  return holds;
}

/** The actions the actor may take on the order now (the order views' `allowedActions`): the checks the server enforces. */
export function allowedActions(actor: Actor, o: OrderRow): ActionName[] {
  return allowedActionsFor(orderFacts(o), { roles: actor.roles, holds: responsibilitiesOf(actor, o) });
}
