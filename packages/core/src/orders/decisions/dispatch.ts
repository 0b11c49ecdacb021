/** 派遣, 改派, 协办: sending an order to the unit that handles it, two-level, with co-handlers. */
import { HANDLING_UNIT_KINDS } from '@liandong/contracts';
import { unprocessable } from '../../shared/errors.ts';
import type { OrderRow } from '../order.types.ts';
import type { Decide } from './decision.types.ts';
import { world, type Asking, type UnitInfo } from './asks.ts';
import type { Decision, Effect } from './effects.ts';

function* activeUnit(id: number, field: string): Asking<UnitInfo> {
  const unit = yield* world.unit(id);
  if (!unit || !unit.active) throw unprocessable(field, `单位 ${id} 不存在或已停用`, `Unit ${id} does not exist or is inactive`);
  return unit;
}

/**
 * A village station (村（社区）工作站) works only in its own town: it may lead or co-handle an order of
 * that town and no other, whoever sends it (receiving an order lets it read the order).
 */
function assertServesOrder(unit: UnitInfo, order: OrderRow, field: string): void {
  if (unit.kind !== 'station') return;
  if (!order.town_code || unit.townCode !== order.town_code) {
    throw unprocessable(field, `${unit.name} 不在工单所在镇（街道），不能承办或协办`, `${unit.name} is not in the order's town and cannot handle it`);
  }
}

/** Co-handlers (协办) are units that handle: departments and village stations (of the order's town), not command centres. */
function* coHandlingUnit(id: number, field: string, order: OrderRow): Asking<UnitInfo> {
  const unit = yield* activeUnit(id, field);
  if (!(HANDLING_UNIT_KINDS as readonly string[]).includes(unit.kind)) {
    throw unprocessable(field, `${unit.name} 不是承办单位，不能协办`, `${unit.name} is not a handling unit and cannot co-handle`);
  }
  assertServesOrder(unit, order, field);
  return unit;
}

/** 派单通知: the unit that receives an order is told in its inbox, as lead (主办), co-handler (协办) or sub-centre. */
function dispatched(order: OrderRow, unit: UnitInfo, role: string, note: string | null | undefined): Effect {
  const description = order.description.length > 60 ? `${order.description.slice(0, 60)}…` : order.description;
  return { effect: 'notify', template: 'order.dispatched', vars: { orderCode: order.code, unitName: unit.name, role, description, note: note ?? '' }, unitId: unit.id };
}

/**
 * Sends an order to a unit. A town sub-centre receives it for dispatch of its own (二级分拨); a department or
 * village station receives it to sign and handle, with optional co-handlers (协办).
 */
function* sendTo(order: OrderRow, target: UnitInfo, coUnitIds: readonly number[], note: string | null | undefined): Asking<Decision> {
  if (target.kind === 'centre' || target.kind === 'grid_team') {
    throw unprocessable('unitId', '只能派往下级分中心、职能部门或村（社区）工作站；向上请使用「上推」', 'Dispatch goes to a town sub-centre, a department or a village station; use "escalate" to push up');
  }
  if (target.kind === 'sub_centre') {
    if (target.id === order.dispatch_unit_id || target.divisionCode !== order.town_code) {
      throw unprocessable('unitId', '只能派往工单所在镇（街道）的分中心', "Only the sub-centre of the order's own town can receive it");
    }
    return {
      to: 'pending_dispatch',
      patch: { dispatch_unit_id: target.id, handler_unit_id: null, level: 'town', pending_request: null },
      note,
      data: { unitId: target.id, unitName: target.name, secondLevel: true },
      effects: [
        { effect: 'complete', steps: ['dispatch'] },
        { effect: 'withdraw', steps: ['sign', 'handle'] },
        { effect: 'release', role: 'lead' },
        { effect: 'involve', unitId: target.id, role: 'dispatch' },
        { effect: 'start', steps: ['dispatch'] },
        dispatched(order, target, '二级分拨', note),
      ],
    };
  }
  assertServesOrder(target, order, 'unitId');
  const co = [...new Set(coUnitIds)];
  if (co.includes(target.id)) throw unprocessable('coUnitIds', '协办单位不能与主办单位相同', 'A co-handler cannot be the lead unit');
  const coUnits: UnitInfo[] = [];
  for (const id of co) coUnits.push(yield* coHandlingUnit(id, 'coUnitIds', order));
  return {
    to: 'pending_sign',
    patch: { handler_unit_id: target.id, level: target.kind === 'station' ? 'village' : order.level, pending_request: null },
    note,
    data: { unitId: target.id, unitName: target.name, coUnitIds: co },
    effects: [
      { effect: 'complete', steps: ['dispatch'] },
      { effect: 'release', role: 'lead' },
      { effect: 'involve', unitId: target.id, role: 'lead' },
      ...co.map((id) => ({ effect: 'involve' as const, unitId: id, role: 'co' as const })),
      { effect: 'start', steps: ['sign', 'handle'] },
      dispatched(order, target, '主办', note),
      ...coUnits.map((u) => dispatched(order, u, '协办', note)),
    ],
  };
}

/** 派遣: to the unit named, or by default to the one the catalogue routes the order's condition to. */
export const dispatch: Decide<'dispatch'> = function* ({ order, body }) {
  if (body.unitId) return yield* sendTo(order, yield* activeUnit(body.unitId, 'unitId'), body.coUnitIds ?? [], body.note);
  const route = yield* world.route();
  if (!route) {
    throw unprocessable('unitId', '工单尚未分类或清单中没有责任单位，请指定派往单位', 'The order has no category routing; name the unit to dispatch to');
  }
  return yield* sendTo(order, yield* activeUnit(route.leadUnitId, 'unitId'), body.coUnitIds ?? route.coUnitIds, body.note);
};

/** 改派: the centre takes the order back from a unit that has it and sends it elsewhere. */
export const redispatch: Decide<'redispatch'> = function* ({ order, body }) {
  const target = yield* activeUnit(body.unitId, 'unitId');
  if (target.id === order.handler_unit_id) throw unprocessable('unitId', '改派单位与当前承办单位相同', 'The new unit is the one handling it already');
  const out = yield* sendTo(order, target, body.coUnitIds ?? [], body.reason);
  return { ...out, data: { ...out.data, previousUnitId: order.handler_unit_id } };
};

/** 协办: another unit joins the handling; the lead keeps responsibility. */
export const addCoHandler: Decide<'add-co-handler'> = function* ({ order, body }) {
  const unit = yield* coHandlingUnit(body.unitId, 'unitId', order);
  if (unit.id === order.handler_unit_id) throw unprocessable('unitId', '协办单位不能与主办单位相同', 'A co-handler cannot be the lead unit');
  return {
    to: order.state,
    note: body.note,
    data: { unitId: unit.id, unitName: unit.name },
    effects: [{ effect: 'involve', unitId: unit.id, role: 'co' }, dispatched(order, unit, '协办', body.note)],
  };
};
