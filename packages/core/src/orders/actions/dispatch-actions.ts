import type { Queryable } from '@liandong/db';
import { unprocessable } from '../../shared/errors.ts';
import { getUnit, type UnitRow } from '../../org/org.repository.ts';
import type { ActionContext, ActionHandler, ActionOutcome } from '../action.types.ts';
import type { OrderRow } from '../order.types.ts';
import { completeDeadlines, involveUnit, releaseUnits } from '../order.repository.ts';
import { startSteps } from '../deadlines.ts';
import { routeOrder } from '../routing.ts';

async function activeUnit(q: Queryable, id: number, field: string): Promise<UnitRow> {
  const unit = await getUnit(q, id);
  if (!unit || !(unit as UnitRow & { active?: boolean }).active) {
    throw unprocessable(field, `单位 ${id} 不存在或已停用`, `Unit ${id} does not exist or is inactive`);
  }
  return unit;
}

/**
 * A village station (村（社区）工作站) works only in its own town: it may lead or co-handle an order of
 * that town and no other, whoever sends it (receiving an order lets it read the order).
 */
async function assertServesOrder(q: Queryable, unit: UnitRow, order: OrderRow, field: string): Promise<void> {
  if (unit.kind !== 'station') return;
  const r = await q.query<{ parent_code: string | null }>('select parent_code from divisions where code = $1', [unit.division_code]);
  if (!order.town_code || r.rows[0]?.parent_code !== order.town_code) {
    throw unprocessable(field, `${unit.name} 不在工单所在镇（街道），不能承办或协办`, `${unit.name} is not in the order's town and cannot handle it`);
  }
}

/** Co-handlers (协办) are units that handle: departments and village stations (of the order's town), not command centres. */
async function coHandlingUnit(q: Queryable, id: number, field: string, order: OrderRow): Promise<UnitRow> {
  const unit = await activeUnit(q, id, field);
  if (unit.kind !== 'department' && unit.kind !== 'station') {
    throw unprocessable(field, `${unit.name} 不是承办单位，不能协办`, `${unit.name} is not a handling unit and cannot co-handle`);
  }
  await assertServesOrder(q, unit, order, field);
  return unit;
}

/**
 * Sends an order to a unit. A town sub-centre receives it for dispatch of its own (二级分拨); a
 * department or village station receives it to sign and handle, with optional co-handlers (协办).
 */
async function sendTo(ctx: ActionContext, target: UnitRow, coUnitIds: number[], note: string | null | undefined): Promise<ActionOutcome> {
  const { tx, order, now, services } = ctx;
  if (target.kind === 'centre' || target.kind === 'grid_team') {
    throw unprocessable('unitId', '只能派往下级分中心、职能部门或村（社区）工作站；向上请使用「上推」', 'Dispatch goes to a town sub-centre, a department or a village station; use "escalate" to push up');
  }
  if (target.kind === 'sub_centre') {
    if (target.id === order.dispatch_unit_id || target.division_code !== order.town_code) {
      throw unprocessable('unitId', '只能派往工单所在镇（街道）的分中心', "Only the sub-centre of the order's own town can receive it");
    }
    return {
      to: 'pending_dispatch',
      patch: { dispatch_unit_id: target.id, handler_unit_id: null, level: 'town', pending_request: null },
      note,
      data: { unitId: target.id, unitName: target.name, secondLevel: true },
      after: async () => {
        await completeDeadlines(tx, order.id, ['dispatch', 'sign', 'handle'], now);
        await releaseUnits(tx, order.id, 'lead');
        await involveUnit(tx, order.id, target.id, 'dispatch', now);
        await startSteps(tx, services, order, ['dispatch'], now);
      },
    };
  }
  await assertServesOrder(tx, target, order, 'unitId');
  const co = [...new Set(coUnitIds)];
  if (co.includes(target.id)) throw unprocessable('coUnitIds', '协办单位不能与主办单位相同', 'A co-handler cannot be the lead unit');
  for (const id of co) await coHandlingUnit(tx, id, 'coUnitIds', order);
  return {
    to: 'pending_sign',
    patch: { handler_unit_id: target.id, level: target.kind === 'station' ? 'village' : order.level, pending_request: null },
    note,
    data: { unitId: target.id, unitName: target.name, coUnitIds: co },
    after: async () => {
      await completeDeadlines(tx, order.id, ['dispatch'], now);
      await releaseUnits(tx, order.id, 'lead');
      await involveUnit(tx, order.id, target.id, 'lead', now);
      for (const id of co) await involveUnit(tx, order.id, id, 'co', now);
      await startSteps(tx, services, order, ['sign', 'handle'], now);
    },
  };
}

/** 派遣: to the unit named, or by default to the one the catalogue routes the order's condition to. */
export const dispatch: ActionHandler<'dispatch'> = async (ctx) => {
  const { tx, order, body } = ctx;
  if (body.unitId) return sendTo(ctx, await activeUnit(tx, body.unitId, 'unitId'), body.coUnitIds ?? [], body.note);
  const route = await routeOrder(tx, order);
  if (!route) {
    throw unprocessable('unitId', '工单尚未分类或清单中没有责任单位，请指定派往单位', 'The order has no category routing; name the unit to dispatch to');
  }
  return sendTo(ctx, await activeUnit(tx, route.leadUnitId, 'unitId'), body.coUnitIds ?? route.coUnitIds, body.note);
};

/** 改派: the centre takes the order back from a unit that has it and sends it elsewhere. */
export const redispatch: ActionHandler<'redispatch'> = async (ctx) => {
  const target = await activeUnit(ctx.tx, ctx.body.unitId, 'unitId');
  if (target.id === ctx.order.handler_unit_id) {
    throw unprocessable('unitId', '改派单位与当前承办单位相同', 'The new unit is the one handling it already');
  }
  const out = await sendTo(ctx, target, ctx.body.coUnitIds ?? [], ctx.body.reason);
  return { ...out, to: out.to, data: { ...out.data, previousUnitId: ctx.order.handler_unit_id } };
};

/** 协办: another unit joins the handling; the lead keeps responsibility. */
export const addCoHandler: ActionHandler<'add-co-handler'> = async ({ tx, order, body, now }) => {
  const unit = await coHandlingUnit(tx, body.unitId, 'unitId', order);
  if (unit.id === order.handler_unit_id) throw unprocessable('unitId', '协办单位不能与主办单位相同', 'A co-handler cannot be the lead unit');
  return {
    to: order.state,
    note: body.note,
    data: { unitId: unit.id, unitName: unit.name },
    after: () => involveUnit(tx, order.id, unit.id, 'co', now),
  };
};
