import { ORDER_LEVEL_LABELS } from '@liandong/contracts';
import { unprocessable } from '../../shared/errors.ts';
import type { Queryable } from '@liandong/db';
import { findCentre, type UnitRow } from '../../org/org.repository.ts';
import { enqueueMessage } from '../../notify/index.ts';
import type { OrderRow } from '../order.types.ts';
import type { ActionHandler } from '../action.types.ts';
import { nextLevel } from '../lifecycle.rules.ts';
import { completeDeadlines, involveUnit, releaseUnits } from '../order.repository.ts';
import { startSteps } from '../deadlines.ts';

const ALL_STEPS = ['accept', 'dispatch', 'sign', 'handle', 'check', 'callback'] as const;

/**
 * 上推: what a level cannot solve goes up one level — the grid to its village (community) station, which
 * handles it; the village to the town sub-centre and the town to the district centre, which dispatch it.
 * The order keeps one timeline across levels. The receiving unit is told in its inbox.
 */
export const escalate: ActionHandler<'escalate'> = async ({ tx, order, body, now, services }) => {
  const level = nextLevel(order.level)!; // a district order is refused by the rules (orderCondition)
  const target = level === 'village' ? await villageStation(tx, order.village_code) : await centreFor(tx, level, order);
  if (!target) throw unprocessable(undefined, '上级单位未配置', 'No unit is configured for the next level');
  const toStation = level === 'village';
  return {
    to: toStation ? 'pending_sign' : 'pending_dispatch',
    patch: {
      level,
      ...(toStation ? { handler_unit_id: target.id } : { dispatch_unit_id: target.id, handler_unit_id: null }),
      escalation_count: order.escalation_count + 1,
      pending_request: null,
    },
    note: body.reason,
    data: { fromLevel: order.level, toLevel: level, unitId: target.id, unitName: target.name },
    after: async () => {
      await completeDeadlines(tx, order.id, ['accept', 'dispatch', 'sign', 'handle'], now);
      await releaseUnits(tx, order.id, 'lead');
      await involveUnit(tx, order.id, target.id, toStation ? 'lead' : 'dispatch', now);
      await startSteps(tx, services, order, toStation ? ['sign', 'handle'] : ['dispatch'], now);
      await enqueueMessage(tx, {
        template: 'order.escalated',
        vars: { orderCode: order.code, fromUnit: ORDER_LEVEL_LABELS[order.level].zh, toUnit: target.name, reason: body.reason },
        channel: 'inbox',
        recipient: { kind: 'unit', unitId: target.id },
        orderId: order.id,
        at: now,
      });
    },
  };
};


async function villageStation(q: Queryable, villageCode: string | null): Promise<UnitRow | null> {
  if (!villageCode) return null;
  const r = await q.query<UnitRow>(`select * from units where kind = 'station' and division_code = $1 and active order by id limit 1`, [villageCode]);
  return r.rows[0] ?? null;
}

async function centreFor(q: Queryable, level: 'town' | 'district', order: OrderRow): Promise<UnitRow | null> {
  const area = level === 'town' ? order.town_code : order.district_code;
  return area ? findCentre(q, level, area) : null;
}

/** 自行处置: the grid worker solved it on the spot; it closes in the grid. */
export const selfHandle: ActionHandler<'self-handle'> = async ({ tx, order, body, now }) => ({
  to: 'closed',
  patch: { self_handled: true, solved_level: 'grid', closed_at: now, handler_unit_id: null },
  note: body.result,
  attachmentIds: body.attachments,
  after: () => completeDeadlines(tx, order.id, ALL_STEPS, now),
});
