/**
 * Where the catalogue sends an order by default (one rule, for the live dispatch and the demo history): its
 * condition's responsible units resolved for its place. A territorial (属地) matter goes to the town's sub-centre;
 * once the sub-centre itself dispatches, the lead goes on to the village (community) station where it happened,
 * and a territorial co-handler is always that station; a component's matter goes to its owner where the catalogue
 * says so (权属单位). Pure: the caller looks up the units.
 */
import { resolveResponsibleUnits, type UnitRule } from '../catalogue/routing.rules.ts';
import type { OrderRow } from './order.types.ts';

export interface Route {
  leadUnitId: number;
  coUnitIds: number[];
}

export function dispatchRoute(
  rules: readonly UnitRule[],
  order: Pick<OrderRow, 'district_code' | 'town_code' | 'village_code' | 'dispatch_unit_id'>,
  places: { subCentreId: number | undefined; stationId: number | undefined; componentOwnerId?: number | null },
): Route | null {
  const { subCentreId, stationId } = places;
  const at = { districtCode: order.district_code, townCode: order.town_code, villageCode: order.village_code, componentOwnerId: places.componentOwnerId };
  const route = resolveResponsibleUnits(rules, at, (town) => (town === order.town_code ? subCentreId : undefined));
  if (route.leadUnitId == null) return null;
  // The town sub-centre dispatches; it does not handle.
  const atTown = subCentreId !== undefined && order.dispatch_unit_id === subCentreId;
  const lead = route.leadUnitId === subCentreId && atTown ? stationId : route.leadUnitId;
  if (lead === undefined) return null;
  const co = [...new Set(route.coUnitIds.map((id) => (id === subCentreId ? stationId : id)))].filter((id): id is number => id !== undefined && id !== lead);
  return { leadUnitId: lead, coUnitIds: co };
}
