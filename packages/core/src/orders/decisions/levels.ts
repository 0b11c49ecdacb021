/** 上推 and 自行处置: the levels of the grid (小事不出格，大事不出村，难事不出镇). */
import { ORDER_LEVEL_LABELS, STEPS } from '@liandong/contracts';
import { unprocessable } from '../../shared/errors.ts';
import { nextLevel } from '../lifecycle.rules.ts';
import type { Decide } from './decision.types.ts';
import { world } from './asks.ts';
import { siteOf } from './site.ts';

/**
 * 上推: what a level cannot solve goes up one level — the grid to its village (community) station, which
 * handles it; the village to the town sub-centre and the town to the district centre, which dispatch it.
 * The order keeps one timeline across levels. The receiving unit is told in its inbox.
 */
export const escalate: Decide<'escalate'> = function* ({ order, body }) {
  const level = nextLevel(order.level)!; // a district order is refused by the rules (orderCondition)
  const target = level === 'village' ? yield* world.station(order.village_code) : yield* world.centre(level);
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
    effects: [
      { effect: 'withdraw', steps: ['accept', 'dispatch', 'sign', 'handle'] },
      { effect: 'release', role: 'lead' },
      { effect: 'involve', unitId: target.id, role: toStation ? 'lead' : 'dispatch' },
      { effect: 'start', steps: toStation ? ['sign', 'handle'] : ['dispatch'] },
      {
        effect: 'notify',
        template: 'order.escalated',
        vars: { orderCode: order.code, fromUnit: ORDER_LEVEL_LABELS[order.level].zh, toUnit: target.name, reason: body.reason },
        unitId: target.id,
      },
    ],
  };
};

/** 自行处置: the grid worker solved it on the spot; it closes in the grid. */
export const selfHandle: Decide<'self-handle'> = function* ({ body, now }) {
  return {
    to: 'closed',
    patch: { self_handled: true, solved_level: 'grid', closed_at: now, handler_unit_id: null },
    note: body.result,
    data: siteOf(body.location),
    attachmentIds: body.attachments,
    effects: [{ effect: 'withdraw', steps: STEPS }],
  };
};
