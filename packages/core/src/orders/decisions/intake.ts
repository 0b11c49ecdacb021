/** 受理, 不予受理, 分类: the centre's first decisions on a new report. */
import { STEPS } from '@liandong/contracts';
import type { Classification } from '../classification.ts';
import type { Decide } from './decision.types.ts';
import { world } from './asks.ts';
import { orderUrgency } from '../urgency.rules.ts';
import { unprocessable } from '../../shared/errors.ts';

/** 受理: the centre confirms the report is real and in scope; it may classify it at the same time. */
export const accept: Decide<'accept'> = function* ({ order, body }) {
  const c = body.categoryCode ? yield* world.classification(body.categoryCode, body.conditionCode, order.description) : null;
  return {
    to: 'pending_dispatch',
    patch: c ? { category_code: c.categoryCode, condition_id: c.conditionId, urgency: orderUrgency(c.urgency, order.reported_urgency) } : {},
    note: body.note,
    data: c ? conditionData(c) : {},
    effects: [
      { effect: 'complete', steps: ['accept'] },
      { effect: 'start', steps: ['dispatch'] },
      { effect: 'tellReporters', template: 'citizen.accepted', vars: { orderCode: order.code } },
    ],
  };
};

/** What the timeline says of a classification: the category, the condition, and how it was chosen. */
function conditionData(c: Classification): Record<string, unknown> {
  return { categoryCode: c.categoryCode, ...(c.conditionCode ? { conditionCode: c.conditionCode, conditionBy: c.how } : {}) };
}

/** 不予受理: not a matter for the platform (out of scope, already solved, abusive…); needs a reason. */
export const reject: Decide<'reject'> = function* ({ order, body, now }) {
  return {
    to: 'rejected',
    patch: { closed_at: now },
    note: body.reason,
    effects: [
      { effect: 'complete', steps: ['accept'] },
      { effect: 'tellReporters', template: 'citizen.rejected', vars: { orderCode: order.code, reason: body.reason } },
    ],
  };
};

/**
 * 直接办结: the operator answers a consultation on the spot (policy, office hours, where to go) and closes it;
 * the answer is the timeline's note. Solved at the centre's own level, never counted as a forced close.
 */
export const answer: Decide<'answer'> = function* ({ order, body, now }) {
  const article = body.articleId != null ? yield* world.article(body.articleId) : null;
  if (body.articleId != null && !article) {
    throw unprocessable('articleId', `知识 ${body.articleId} 不存在、未发布或已过有效期`, `Article ${body.articleId} does not exist, is not published or is no longer valid`);
  }
  return {
    to: 'closed',
    patch: { closed_at: now, solved_level: order.level },
    note: body.answer,
    data: article ? { direct: true, article: { id: article.id, title: article.title, version: article.version } } : { direct: true },
    effects: [
      ...(article ? [{ effect: 'useArticle' as const, articleId: article.id }] : []),
      { effect: 'complete', steps: ['accept'] },
      { effect: 'withdraw', steps: STEPS },
      { effect: 'tellReporters', template: 'citizen.answered', vars: { orderCode: order.code, answer: body.answer } },
    ],
  };
};

/** 分类: set or correct the category and case-opening condition; limits follow the condition. */
export const classify: Decide<'classify'> = function* ({ order, body }) {
  const c = yield* world.classification(body.categoryCode, body.conditionCode, order.description);
  return {
    to: order.state,
    patch: { category_code: c.categoryCode, condition_id: c.conditionId, urgency: orderUrgency(c.urgency, order.reported_urgency) },
    note: body.note,
    data: { ...conditionData(c), previous: order.category_code },
    effects: [],
  };
};
