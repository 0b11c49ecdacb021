/**
 * The units the current model ranks for the words of a matter at a place — one ranking for the dispatcher's
 * suggestions (suggest-dispatch.ts) and for 自动派遣 (auto-dispatch.ts), so the platform never dispatches to a unit
 * the dispatcher would not have been offered first. Units no longer active are left out; where the matter is adds
 * the territorial (属地) suggestion and leaves out units serving another place (place.rules.ts).
 */
import type { Queryable } from '@liandong/db';
import type { OrderRow } from '../orders/order.types.ts';
import { routeCondition, type RoutePlace } from '../orders/routing.ts';
import { suggest, territorialShare, type DispatchModel } from './dispatch-model.rules.ts';
import { placeSuggestions, type PlacedSuggestion, type TerritorialCandidate } from './place.rules.ts';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  division_code: string | null;
}

export type RankedUnit = PlacedSuggestion & { unit: UnitRow };

export async function rankUnits(q: Queryable, model: DispatchModel, text: string, place: RoutePlace | null, limit: number): Promise<RankedUnit[]> {
  const ranked = suggest(model, text, limit + 3);
  const territorial = place ? await territorialRoute(q, model, text, place) : null;
  const units = await q.query<UnitRow>(`select id, code, name, kind, division_code from units where active and (code = any($1::text[]) or id = $2)`, [
    ranked.map((r) => r.unitCode),
    territorial?.unitId ?? null,
  ]);
  const byCode = new Map(units.rows.map((u) => [u.code, u]));
  const byId = new Map(units.rows.map((u) => [u.id, u]));
  const candidates = ranked
    .filter((r) => byCode.has(r.unitCode))
    .map((r) => {
      const u = byCode.get(r.unitCode)!;
      return { unitId: u.id, confidence: r.confidence, condition: r.condition, reasons: r.reasons, servesPlace: serves(u, place) };
    });
  const placed = placeSuggestions(candidates, territorial && byId.has(territorial.unitId) ? territorial : null);
  return placed.slice(0, limit).map((r) => ({ ...r, unit: byId.get(r.unitId)! }));
}

/** An order's own place, dispatched from its dispatching centre (or from the unit given). */
export function placeOfOrder(order: OrderRow, dispatchUnitId: number | null = order.dispatch_unit_id): RoutePlace | null {
  if (!order.town_code) return null;
  return { district_code: order.district_code, town_code: order.town_code, village_code: order.village_code, component_code: order.component_code, dispatch_unit_id: dispatchUnitId };
}

/** Whether a unit serves the place: a sub-centre only its town, a station only its village, any other unit everywhere. */
function serves(u: UnitRow, place: RoutePlace | null): boolean {
  if (!place) return true;
  if (u.kind === 'sub_centre') return u.division_code === place.town_code;
  if (u.kind === 'station') return u.division_code === place.village_code;
  return true;
}

/**
 * The territorial (属地) suggestion at a place: the condition model's share on the conditions a territorial rule
 * leads (in general or for this place's areas), and the unit the live routing sends the best of them to there.
 */
async function territorialRoute(q: Queryable, model: DispatchModel, text: string, place: RoutePlace): Promise<TerritorialCandidate | null> {
  const r = await q.query<{ id: number; code: string }>(
    `select cc.id, cc.code from category_conditions cc
      where cc.active and exists (select 1 from condition_units cu where cu.condition_id = cc.id and cu.role = 'lead' and cu.territorial
                                   and (cu.area_code is null or cu.area_code = any($1::text[])))`,
    [[place.district_code, place.town_code, place.village_code].filter(Boolean)],
  );
  const ids = new Map(r.rows.map((c) => [c.code, c.id]));
  const best = territorialShare(model, text, (code) => ids.has(code));
  if (!best) return null;
  const route = await routeCondition(q, ids.get(best.condition.code)!, place);
  return route ? { unitId: route.leadUnitId, share: best.share, condition: best.condition, reasons: best.reasons } : null;
}
