/**
 * Twins of routing.ts and the unit checks of dispatch-actions.ts: where the catalogue sends an order, and
 * which units may take it or join it as co-handlers (协办).
 */
import { dispatchRoute, type Route } from '../../orders/dispatch-route.rules.ts';
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

/** routeOrder, on the order in memory: the same rule (dispatch-route.rules.ts) over the loaded units. */
export function routeOf(sim: OrderSim, o: SimOrder): Route | null {
  const row = o.row;
  const c = row.condition_id == null ? undefined : sim.ctx.catalogue.byId.get(row.condition_id);
  if (!c) return null;
  return dispatchRoute(c.rules, row, {
    subCentreId: row.town_code ? sim.ctx.subCentreByTown.get(row.town_code)?.id : undefined,
    stationId: row.village_code ? sim.ctx.stationByVillage.get(row.village_code)?.id : undefined,
  });
}
