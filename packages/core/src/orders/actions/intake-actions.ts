import type { ActionHandler } from '../action.types.ts';
import { resolveClassification } from '../classification.ts';
import { completeDeadlines } from '../order.repository.ts';
import { startSteps } from '../deadlines.ts';

/** 受理: the centre confirms the report is real and in scope; it may classify it at the same time. */
export const accept: ActionHandler<'accept'> = async ({ tx, order, body, now, services }) => {
  const c = body.categoryCode ? await resolveClassification(tx, body.categoryCode) : null;
  return {
    to: 'pending_dispatch',
    patch: c ? { category_code: c.categoryCode, condition_id: c.conditionId, urgency: c.urgency } : {},
    note: body.note,
    data: c ? { categoryCode: c.categoryCode } : {},
    after: async () => {
      await completeDeadlines(tx, order.id, ['accept'], now);
      await startSteps(tx, services, order, ['dispatch'], now);
    },
  };
};

/** 不予受理: not a matter for the platform (out of scope, already solved, abusive…); needs a reason. */
export const reject: ActionHandler<'reject'> = async ({ tx, order, body, now }) => ({
  to: 'rejected',
  patch: { closed_at: now },
  note: body.reason,
  after: () => completeDeadlines(tx, order.id, ['accept'], now),
});

/** 分类: set or correct the category and case-opening condition; limits follow the condition. */
export const classify: ActionHandler<'classify'> = async ({ tx, order, body }) => {
  const c = await resolveClassification(tx, body.categoryCode, body.conditionCode);
  return {
    to: order.state,
    patch: { category_code: c.categoryCode, condition_id: c.conditionId, urgency: c.urgency },
    note: body.note,
    data: { categoryCode: c.categoryCode, previous: order.category_code },
  };
};
