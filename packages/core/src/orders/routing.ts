/**
 * Default dispatch target of an order: its catalogue condition's responsible units resolved for its
 * location. A territorial (属地) matter goes to the town's sub-centre; once the sub-centre itself
 * dispatches, it goes on to the village (community) station where it happened.
 */
import type { Queryable } from '@liandong/db';
import { getConditionUnits } from '../catalogue/catalogue.repository.ts';
import { resolveResponsibleUnits } from '../catalogue/routing.rules.ts';
import type { OrderRow } from './order.types.ts';

export interface Route {
  leadUnitId: number;
  coUnitIds: number[];
}

async function unitIdsByDivision(q: Queryable, kind: 'sub_centre' | 'station', codes: (string | null)[]): Promise<Map<string, number>> {
  const r = await q.query<{ id: number; division_code: string }>(
    'select id, division_code from units where kind = $1 and active and division_code = any($2::text[]) order by id desc',
    [kind, codes.filter(Boolean)],
  );
  return new Map(r.rows.map((x) => [x.division_code, x.id]));
}

export async function routeOrder(q: Queryable, order: OrderRow): Promise<Route | null> {
  if (order.condition_id == null) return null;
  const rules = await getConditionUnits(q, order.condition_id);
  const subCentres = await unitIdsByDivision(q, 'sub_centre', [order.town_code]);
  const at = { districtCode: order.district_code, townCode: order.town_code, villageCode: order.village_code };
  const route = resolveResponsibleUnits(rules, at, (town) => subCentres.get(town));
  if (route.leadUnitId == null) return null;
  const subCentre = order.town_code ? subCentres.get(order.town_code) : undefined;
  const stations = await unitIdsByDivision(q, 'station', [order.village_code]);
  const station = order.village_code ? stations.get(order.village_code) : undefined;
  // The town sub-centre dispatches; it does not handle. A territorial (属地) lead goes to it from the district
  // centre, and from it to the village station; a territorial co-handler is always the village station.
  const atTown = subCentre !== undefined && order.dispatch_unit_id === subCentre;
  const lead = route.leadUnitId === subCentre && atTown ? station : route.leadUnitId;
  if (lead === undefined) return null;
  const co = [...new Set(route.coUnitIds.map((id) => (id === subCentre ? station : id)))].filter(
    (id): id is number => id !== undefined && id !== lead,
  );
  return { leadUnitId: lead, coUnitIds: co };
}
