/**
 * Twins of routing.ts and the unit checks of dispatch-actions.ts: where the catalogue sends an order, and
 * which units may take it or join it as co-handlers (协办).
 */
import { resolveResponsibleUnits } from '../../catalogue/routing.rules.ts';
import { HistoryBug } from './history-bug.ts';
import type { HistoryUnit } from './history-context.ts';
import type { SimOrder } from './history.types.ts';
import type { OrderSim } from './order-sim.ts';

export function activeUnit(sim: OrderSim, id: number): HistoryUnit {
  const u = sim.ctx.units.get(id);
  if (!u || !u.active) throw new HistoryBug(`demo history: unit ${id} does not exist or is inactive`);
  return u;
}

/** Co-handlers (协办) are units that handle: departments and village stations, not command centres. */
export function coHandlingUnit(sim: OrderSim, id: number): HistoryUnit {
  const u = activeUnit(sim, id);
  if (u.kind !== 'department' && u.kind !== 'station') throw new HistoryBug(`demo history: ${u.name} cannot co-handle`);
  return u;
}

/** routeOrder: the condition's lead for the order's place; a territorial matter at its own sub-centre goes to the village station. */
export function routeOf(sim: OrderSim, o: SimOrder): { leadUnitId: number; coUnitIds: number[] } | null {
  const row = o.row;
  const c = row.condition_id == null ? undefined : sim.ctx.catalogue.byId.get(row.condition_id);
  if (!c) return null;
  const at = { districtCode: row.district_code, townCode: row.town_code, villageCode: row.village_code };
  const route = resolveResponsibleUnits(c.rules, at, (town) => (town === row.town_code ? sim.ctx.subCentreByTown.get(town)?.id : undefined));
  if (route.leadUnitId == null) return null;
  if (route.leadUnitId === row.dispatch_unit_id) {
    const station = row.village_code ? sim.ctx.stationByVillage.get(row.village_code) : undefined;
    if (!station) return null;
    return { leadUnitId: station.id, coUnitIds: route.coUnitIds.filter((id) => id !== station.id) };
  }
  return { leadUnitId: route.leadUnitId, coUnitIds: route.coUnitIds };
}
