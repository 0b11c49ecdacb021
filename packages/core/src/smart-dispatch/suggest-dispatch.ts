/**
 * The suggestion a dispatcher (or an operator at intake) sees: for the words of an order — given, or those of an
 * order she may see — the units the current model ranks first at the matter's place (rank-units.ts), each with
 * its best condition and category, a confidence and the words that weighed. With no model yet (a new deployment),
 * the first request trains one from the catalogue and the taxonomy. The place is the point given, or the order's.
 */
import type { Db } from '@liandong/db';
import { SUGGESTION_LIMIT, type DispatchModelView, type DispatchSuggestions, type DispatchSuggestionsInput } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { findVisibleOrder } from '../orders/order-access.ts';
import { conflict, invalidField } from '../shared/errors.ts';
import type { OrderRow } from '../orders/order.types.ts';
import type { RoutePlace } from '../orders/routing.ts';
import type { TerritoryMatch } from '../territory/index.ts';
import { placeOfOrder, rankUnits } from './rank-units.ts';
import { currentModel, listModels, startModelRow, type ModelRow } from './model-store.ts';
import { runTraining, trainDispatchModel } from './train-job.ts';

export interface SuggestServices {
  territory: { lookup(lng: number, lat: number): Promise<TerritoryMatch> };
}

export async function suggestDispatch(db: Db, actor: Actor, input: DispatchSuggestionsInput, now: Date, services?: SuggestServices): Promise<DispatchSuggestions> {
  assertMay(actor, 'dispatch.suggest');
  let text = input.text?.trim() ?? '';
  let order: OrderRow | null = null;
  if (input.orderId !== undefined) {
    order = await findVisibleOrder(db, actor, input.orderId);
    if (!text) text = order.description;
  }
  if (!text) throw invalidField('text', '请填写诉求内容（或指定工单）', 'give the order’s words (or an order)');
  let current = await currentModel(db);
  if (!current) {
    await trainDispatchModel(db, { now, userId: actor.userId });
    current = await currentModel(db);
  }
  if (!current) return { model: null, items: [] };
  const place = await placeOf(actor, input, order, services);
  const ranked = await rankUnits(db, current.model, text, place, input.limit ?? SUGGESTION_LIMIT);
  const items = ranked.map((r) => ({
    unit: { id: r.unit.id, code: r.unit.code, name: r.unit.name },
    category: r.condition ? { code: r.condition.categoryCode, name: r.condition.categoryName } : null,
    condition: r.condition ? { code: r.condition.code, description: r.condition.description } : null,
    confidence: Math.round(r.confidence * 1000) / 1000,
    reasons: r.reasons,
    territorial: r.territorial,
  }));
  const trained = await db.query<{ trained_at: Date | null }>('select trained_at from dispatch_models where version = $1', [current.version]);
  const at = trained.rows[0]?.trained_at;
  return { model: { version: current.version, trainedAt: at ? new Date(at).toISOString() : null }, items };
}

/**
 * Where the matter is: the point given (its town and village from the territory), else the order's own place. The
 * centre that dispatches is the order's, else the asker's unit: from a town's sub-centre a territorial matter goes
 * on to the village's station, as the live routing does.
 */
async function placeOf(actor: Actor, input: DispatchSuggestionsInput, order: OrderRow | null, services: SuggestServices | undefined): Promise<RoutePlace | null> {
  const dispatchUnit = order?.dispatch_unit_id ?? actor.unitId;
  if (input.location && services) {
    const m = await services.territory.lookup(input.location.lng, input.location.lat);
    if (!m.townCode) return null;
    return { district_code: m.districtCode, town_code: m.townCode, village_code: m.villageCode, component_code: order?.component_code ?? null, dispatch_unit_id: dispatchUnit };
  }
  return order ? placeOfOrder(order, dispatchUnit) : null;
}

export function modelView(r: ModelRow): DispatchModelView {
  const e = r.evaluation;
  return {
    version: r.version,
    state: r.state,
    progress: r.progress,
    stage: r.stage,
    startedAt: r.startedAt.toISOString(),
    trainedAt: r.trainedAt ? r.trainedAt.toISOString() : null,
    examples: r.examples,
    evaluation: e ? { heldOut: e['heldOut'] ?? 0, top1: e['top1'] ?? 0, top3: e['top3'] ?? 0 } : null,
    error: r.error,
  };
}

export async function dispatchModels(db: Db, actor: Actor): Promise<{ items: DispatchModelView[] }> {
  assertMay(actor, 'dispatch.models');
  return { items: (await listModels(db)).map(modelView) };
}

/**
 * Starts a training run in the background and answers its row at once (one already training: 409). The run goes
 * on after the answer; its progress is read from GET /api/v1/dispatch/models.
 */
export async function startTraining(db: Db, actor: Actor, now: Date, onError: (err: unknown) => void): Promise<DispatchModelView> {
  assertMay(actor, 'dispatch.models');
  const version = await startModelRow(db, actor.userId, now);
  if (version === null) throw conflict('concurrent_update', '分拨模型正在训练中，请稍后再试', 'A dispatch model is being trained; try again when it is done');
  const view = modelView((await listModels(db, 1))[0]!);
  setImmediate(() => void runTraining(db, version).catch(onError));
  return view;
}
