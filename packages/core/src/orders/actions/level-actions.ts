import { unprocessable, wrongState } from '../../shared/errors.ts';
import { findCentre } from '../../org/org.repository.ts';
import type { ActionHandler } from '../action.types.ts';
import { nextLevel } from '../lifecycle.rules.ts';
import { completeDeadlines, involveUnit, releaseUnits } from '../order.repository.ts';
import { startSteps } from '../deadlines.ts';

const ALL_STEPS = ['accept', 'dispatch', 'sign', 'handle', 'check', 'callback'] as const;

/**
 * 上推: what a level cannot solve goes to the next level's centre — grid and village to the town
 * sub-centre, the town to the district centre (小事不出格，大事不出村，难事不出镇).
 */
export const escalate: ActionHandler<'escalate'> = async ({ tx, order, body, now, services }) => {
  const level = nextLevel(order.level);
  if (!level) throw wrongState('工单已在区级，无法继续上推', 'The order is already at the district level');
  const area = level === 'town' ? order.town_code : order.district_code;
  const centre = area ? await findCentre(tx, level, area) : null;
  if (!centre) throw unprocessable(undefined, '上级指挥中心未配置', 'No command centre is configured for the next level');
  return {
    to: 'pending_dispatch',
    patch: {
      level,
      dispatch_unit_id: centre.id,
      handler_unit_id: null,
      escalation_count: order.escalation_count + 1,
      pending_request: null,
    },
    note: body.reason,
    data: { fromLevel: order.level, toLevel: level, unitId: centre.id, unitName: centre.name },
    after: async () => {
      await completeDeadlines(tx, order.id, ['accept', 'dispatch', 'sign', 'handle'], now);
      await releaseUnits(tx, order.id, 'lead');
      await involveUnit(tx, order.id, centre.id, 'dispatch', now);
      await startSteps(tx, services, order, ['dispatch'], now);
    },
  };
};

/** 自行处置: the grid worker solved it on the spot; it closes in the grid. */
export const selfHandle: ActionHandler<'self-handle'> = async ({ tx, order, body, now }) => ({
  to: 'closed',
  patch: { self_handled: true, solved_level: 'grid', closed_at: now, handler_unit_id: null },
  note: body.result,
  attachmentIds: body.attachments,
  after: () => completeDeadlines(tx, order.id, ALL_STEPS, now),
});
