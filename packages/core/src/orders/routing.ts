/**
 * Default dispatch target of an order: its catalogue condition's responsible units resolved for its
 * location. A territorial (属地) matter goes to the town's sub-centre; once the sub-centre itself
 * dispatches, it goes on to the village (community) station where it happened; a component's matter, to the
 * component's owner where the catalogue says so.
 */
import type { Queryable } from '@liandong/db';
import { getConditionUnits } from '../catalogue/catalogue.repository.ts';
import { dispatchRoute, type Route } from './dispatch-route.rules.ts';
import type { OrderRow } from './order.types.ts';

export type { Route };

/** Where an order is and which centre dispatches it: all the routing reads of it besides its condition. */
export type RoutePlace = Pick<OrderRow, 'district_code' | 'town_code' | 'village_code' | 'dispatch_unit_id' | 'component_code'>;

export async function routeOrder(q: Queryable, order: OrderRow): Promise<Route | null> {
  if (order.condition_id == null) return null;
  return routeCondition(q, order.condition_id, order);
}

/** The route of a condition at a place (smart dispatch asks it for a territorial condition at the reported point). */
export async function routeCondition(q: Queryable, conditionId: number, order: RoutePlace): Promise<Route | null> {
  const rules = await getConditionUnits(q, conditionId);
  const subCentres = await unitIdsByDivision(q, 'sub_centre', [order.town_code]);
  const stations = await unitIdsByDivision(q, 'station', [order.village_code]);
  return dispatchRoute(rules, order, {
    subCentreId: order.town_code ? subCentres.get(order.town_code) : undefined,
    stationId: order.village_code ? stations.get(order.village_code) : undefined,
    componentOwnerId: order.component_code ? await componentOwner(q, order.component_code) : null,
  });
}

/** The active unit that owns a component (权属单位), if any. */
async function componentOwner(q: Queryable, code: string): Promise<number | null> {
  const r = await q.query<{ id: number }>('select u.id from components c join units u on u.id = c.owner_unit_id and u.active where c.code = $1', [code]);
  return r.rows[0]?.id ?? null;
}

async function unitIdsByDivision(q: Queryable, kind: 'sub_centre' | 'station', codes: (string | null)[]): Promise<Map<string, number>> {
  const r = await q.query<{ id: number; division_code: string }>(
    'select id, division_code from units where kind = $1 and active and division_code = any($2::text[]) order by id desc',
    [kind, codes.filter(Boolean)],
  );
  return new Map(r.rows.map((x) => [x.division_code, x.id]));
}

