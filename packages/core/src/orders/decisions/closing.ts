/** 核查, 回访, 重办, 结案, 强制结案: from the result to the closed order. */
import { STEPS } from '@liandong/contracts';
import { unprocessable, wrongState } from '../../shared/errors.ts';
import { DISSATISFIED } from '../lifecycle.rules.ts';
import type { OrderRow } from '../order.types.ts';
import type { Decide } from './decision.types.ts';
import type { Effect } from './effects.ts';
import { world, type Asking } from './asks.ts';
import { siteOf } from './site.ts';

/** 核查: the grid worker checks the result on site; a failure sends it back to the unit (返工, counted). */
export const check: Decide<'check'> = function* ({ order, body }) {
  if (!body.passed) {
    return {
      to: 'handling',
      patch: { rework_count: order.rework_count + 1 },
      note: body.note,
      data: { passed: false, ...siteOf(body.location) },
      attachmentIds: body.attachments,
      effects: [
        { effect: 'complete', steps: ['check'] },
        { effect: 'start', steps: ['handle'] },
      ],
    };
  }
  const callable = yield* world.callable();
  return {
    to: callable ? 'pending_callback' : 'pending_close',
    note: body.note,
    data: { passed: true, ...siteOf(body.location) },
    attachmentIds: body.attachments,
    effects: [
      { effect: 'complete', steps: ['check'] },
      ...(callable ? [{ effect: 'start' as const, steps: ['callback' as const] }, { effect: 'requestCallbacks' as const }] : []),
    ],
  };
};

/**
 * 回访: the citizen rates the result, by phone with an operator or through the SMS link. A dissatisfied answer
 * for a substantive reason (the problem is not solved) sends the order back to the same unit for rework
 * (重办) at once; any other answer waits for closure. Either way the rating counts for the unit.
 */
export const callback: Decide<'callback'> = function* ({ order, body }) {
  if (body.reporterId && !(yield* world.reporter(body.reporterId))) {
    throw unprocessable('reporterId', '该诉求人不属于此工单', 'This reporter does not belong to the order');
  }
  const rate = body.reporterId ? [{ effect: 'rateReporter' as const, reporterId: body.reporterId, satisfaction: body.satisfaction }] : [];
  const substantive = DISSATISFIED.has(body.satisfaction) && body.substantive === true;
  const data = { satisfaction: body.satisfaction, substantive, reporterId: body.reporterId ?? null };
  if (substantive && order.handler_unit_id) {
    return {
      to: 'pending_sign',
      patch: { satisfaction: body.satisfaction, substantive_dissatisfaction: false, reopen_count: order.reopen_count + 1 },
      note: body.note,
      data: { ...data, reopened: true },
      effects: [
        ...rate,
        { effect: 'complete', steps: ['callback'] },
        { effect: 'start', steps: ['sign', 'handle'] },
        {
          effect: 'notify',
          template: 'order.reopened',
          vars: { orderCode: order.code, unitName: '', reason: body.note ?? '群众回访不满意，问题未解决' },
          unitId: order.handler_unit_id,
        },
      ],
    };
  }
  return {
    to: 'pending_close',
    patch: { satisfaction: body.satisfaction, substantive_dissatisfaction: substantive },
    note: body.note,
    data,
    effects: [...rate, { effect: 'complete', steps: ['callback'] }],
  };
};

/**
 * 重办 by the centre: the citizen was dissatisfied but the callback did not call it substantive; the
 * dispatcher, judging it so, sends the order back to the same unit with the reason on the timeline.
 */
export const reopen: Decide<'reopen'> = function* ({ order, body }) {
  if (!order.handler_unit_id) throw wrongState('工单没有承办单位，请重新派遣', 'The order has no handling unit; dispatch it again');
  return {
    to: 'pending_sign',
    patch: { reopen_count: order.reopen_count + 1, satisfaction: null, substantive_dissatisfaction: false },
    note: body.reason,
    data: { previousSatisfaction: order.satisfaction },
    effects: [{ effect: 'start', steps: ['sign', 'handle'] }],
  };
};

/** Where the matter was solved, for the 70/20/10 shape: the level, or enforcement when an enforcement unit handled it. */
function* solvedLevel(order: OrderRow): Asking<OrderRow['solved_level']> {
  if (order.handler_unit_id) {
    const unit = yield* world.unit(order.handler_unit_id);
    if (unit?.enforcement) return 'enforcement';
  }
  return order.level;
}

/** 结案. */
/** 办结告知: the citizens who reported it are told it is closed. */
const closedNotice = (order: OrderRow): Effect => ({ effect: 'tellReporters', template: 'citizen.closed', vars: { orderCode: order.code } });

export const close: Decide<'close'> = function* ({ order, body, now }) {
  return { to: 'closed', patch: { closed_at: now, solved_level: yield* solvedLevel(order) }, note: body.note, effects: [{ effect: 'withdraw', steps: STEPS }, closedNotice(order)] };
};

/** 强制结案: the shift lead closes an order from any live state, with a reason. */
export const forceClose: Decide<'force-close'> = function* ({ order, body, now }) {
  return {
    to: 'closed',
    patch: { closed_at: now, solved_level: yield* solvedLevel(order), pending_request: null, resume_state: null, suspended_at: null },
    note: body.reason,
    data: { forced: true },
    effects: [{ effect: 'withdraw', steps: STEPS }, closedNotice(order)],
  };
};
