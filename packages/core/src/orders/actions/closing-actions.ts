import type { Queryable } from '@liandong/db';
import { unprocessable, wrongState } from '../../shared/errors.ts';
import { getUnit } from '../../org/org.repository.ts';
import type { ActionHandler } from '../action.types.ts';
import { completeDeadlines } from '../order.repository.ts';
import { startSteps } from '../deadlines.ts';
import type { OrderRow } from '../order.types.ts';
import { DISSATISFIED } from '../lifecycle.rules.ts';
import { hasCallableReporter } from './handling-actions.ts';
import { requestCallbacks } from '../callback-links.ts';
import { enqueueMessage } from '../../notify/index.ts';

const ALL_STEPS = ['accept', 'dispatch', 'sign', 'handle', 'check', 'callback'] as const;

/** 核查: the grid worker checks the result on site; a failure sends it back to the unit (返工, counted). */
export const check: ActionHandler<'check'> = async ({ tx, order, body, now, services }) => {
  if (!body.passed) {
    return {
      to: 'handling',
      patch: { rework_count: order.rework_count + 1 },
      note: body.note,
      data: { passed: false },
      attachmentIds: body.attachments,
      after: async () => {
        await completeDeadlines(tx, order.id, ['check'], now);
        await startSteps(tx, services, order, ['handle'], now);
      },
    };
  }
  const callable = await hasCallableReporter(tx, order.id);
  return {
    to: callable ? 'pending_callback' : 'pending_close',
    note: body.note,
    data: { passed: true },
    attachmentIds: body.attachments,
    after: async () => {
      await completeDeadlines(tx, order.id, ['check'], now);
      if (!callable) return;
      await startSteps(tx, services, order, ['callback'], now);
      await requestCallbacks(tx, services, order, now);
    },
  };
};

/**
 * 回访: the citizen rates the result, by phone with an operator or through the SMS link. A dissatisfied answer
 * for a substantive reason (the problem is not solved) sends the order back to the same unit for rework
 * (重办) at once; any other answer waits for closure. Either way the rating counts for the unit.
 */
export const callback: ActionHandler<'callback'> = async ({ tx, order, body, now, services }) => {
  if (body.reporterId) {
    const r = await tx.query('update order_reporters set satisfaction = $3 where id = $1 and order_id = $2', [
      body.reporterId,
      order.id,
      body.satisfaction,
    ]);
    if (r.rowCount === 0) throw unprocessable('reporterId', '该诉求人不属于此工单', 'This reporter does not belong to the order');
  }
  const substantive = DISSATISFIED.has(body.satisfaction) && body.substantive === true;
  const data = { satisfaction: body.satisfaction, substantive, reporterId: body.reporterId ?? null };
  if (substantive && order.handler_unit_id) {
    const unitId = order.handler_unit_id;
    return {
      to: 'pending_sign',
      patch: { satisfaction: body.satisfaction, substantive_dissatisfaction: false, reopen_count: order.reopen_count + 1 },
      note: body.note,
      data: { ...data, reopened: true },
      after: async () => {
        await completeDeadlines(tx, order.id, ['callback'], now);
        await startSteps(tx, services, order, ['sign', 'handle'], now);
        await enqueueMessage(tx, {
          template: 'order.reopened',
          vars: { orderCode: order.code, unitName: '', reason: body.note ?? '群众回访不满意，问题未解决' },
          channel: 'inbox',
          recipient: { kind: 'unit', unitId },
          orderId: order.id,
          at: now,
        });
      },
    };
  }
  return {
    to: 'pending_close',
    patch: { satisfaction: body.satisfaction, substantive_dissatisfaction: substantive },
    note: body.note,
    data,
    after: () => completeDeadlines(tx, order.id, ['callback'], now),
  };
};

/**
 * 重办 by the centre: the citizen was dissatisfied but the callback did not call it substantive; the
 * dispatcher, judging it so, sends the order back to the same unit with the reason on the timeline.
 */
export const reopen: ActionHandler<'reopen'> = async ({ tx, order, body, now, services }) => {
  if (!order.handler_unit_id) throw wrongState('工单没有承办单位，请重新派遣', 'The order has no handling unit; dispatch it again');
  return {
    to: 'pending_sign',
    patch: { reopen_count: order.reopen_count + 1, satisfaction: null, substantive_dissatisfaction: false },
    note: body.reason,
    data: { previousSatisfaction: order.satisfaction },
    after: () => startSteps(tx, services, order, ['sign', 'handle'], now),
  };
};

/** Where the matter was solved, for the 70/20/10 shape: the level, or enforcement when an enforcement unit handled it. */
async function solvedLevel(q: Queryable, order: OrderRow): Promise<OrderRow['solved_level']> {
  if (order.handler_unit_id) {
    const unit = await getUnit(q, order.handler_unit_id);
    if (unit?.enforcement) return 'enforcement';
  }
  return order.level;
}

/** 结案. */
export const close: ActionHandler<'close'> = async ({ tx, order, body, now }) => ({
  to: 'closed',
  patch: { closed_at: now, solved_level: await solvedLevel(tx, order) },
  note: body.note,
  after: () => completeDeadlines(tx, order.id, ALL_STEPS, now),
});

/** 强制结案: the shift lead closes an order from any live state, with a reason. */
export const forceClose: ActionHandler<'force-close'> = async ({ tx, order, body, now }) => ({
  to: 'closed',
  patch: { closed_at: now, solved_level: await solvedLevel(tx, order), pending_request: null, resume_state: null, suspended_at: null },
  note: body.reason,
  data: { forced: true },
  after: () => completeDeadlines(tx, order.id, ALL_STEPS, now),
});
