/**
 * 协办: a co-handling unit takes part in the handling. It signs for its part and reports it; the lead unit's
 * result (反馈) waits for every co-handler's report and carries them (handling.ts). The order's state is the
 * lead's: these actions leave it as it is.
 */
import { forbidden, wrongState } from '../../shared/errors.ts';
import type { Decide } from './decision.types.ts';
import { world, type Asking, type CoPart } from './asks.ts';

/** The part of the actor's unit: the rules let only a co-handler's people here, so it exists. */
function* myPart(unitIds: readonly number[]): Asking<CoPart> {
  const mine = (yield* world.coParts()).find((p) => unitIds.includes(p.unitId));
  if (!mine) throw forbidden('您的单位不是该工单的协办单位', 'Your unit is not a co-handler of this order');
  return mine;
}

/** 协办签收: the co-handler takes its part on. */
export const coSign: Decide<'co-sign'> = function* ({ order, actor, body }) {
  const mine = yield* myPart(actor.unitIds);
  if (mine.signedAt) throw wrongState(`${mine.name}已签收协办任务`, `${mine.name} has signed for its part already`);
  return { to: order.state, note: body.note, data: { unitId: mine.unitId, unitName: mine.name }, effects: [{ effect: 'coSigned', unitId: mine.unitId }] };
};

/** 协办反馈: the co-handler reports what it did (signing for its part too, if it had not). */
export const coFeedback: Decide<'co-feedback'> = function* ({ order, actor, body }) {
  const mine = yield* myPart(actor.unitIds);
  if (mine.reportedAt) throw wrongState(`${mine.name}已反馈协办结果`, `${mine.name} has reported its part already`);
  return {
    to: order.state,
    note: body.result,
    attachmentIds: body.attachments,
    data: { unitId: mine.unitId, unitName: mine.name },
    effects: [{ effect: 'coReported', unitId: mine.unitId, report: body.result }],
  };
};
