/**
 * Fires the order's clock timers (orders/clock-timers.ts): at a policy's share of a step's limit, raise a
 * supervision level or push the order up a level. A timer that no longer applies — the step finished or
 * restarted, the order suspended or closed, the policy changed or no longer matches — fires as a no-op.
 */
import type { Db, Queryable } from '@liandong/db';
import { ORDER_LEVEL_LABELS, STEP_LABELS, type Step } from '@liandong/contracts';
import type { TimerHandler, TimerHandlers } from '../timers/index.ts';
import { CLOCK_TIMER, policyApplies } from '../orders/clock-timers.ts';
import { FINAL_STATES, ruleFor } from '../orders/lifecycle.rules.ts';
import { cameFromDistrictCentre, listDeadlines, lockOrder } from '../orders/order.repository.ts';
import type { OrderRow } from '../orders/order.types.ts';
import { getUnit } from '../org/org.repository.ts';
import { formatLimit } from '../shared/report-document/format.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { applyAction, SYSTEM_ACTOR } from '../orders/perform-action.ts';
import { raiseSupervision, supervisedUnit } from './raise-supervision.ts';
import type { PolicyRow } from './supervision.types.ts';

interface ClockPayload {
  step: Step;
  startedAt: string;
  policyId: number;
}

async function stillRunning(q: Queryable, orderId: number, p: ClockPayload): Promise<boolean> {
  const r = await q.query<{ started_at: Date; done_at: Date | null }>('select started_at, done_at from order_deadlines where order_id = $1 and step = $2', [
    orderId,
    p.step,
  ]);
  const d = r.rows[0];
  return Boolean(d && !d.done_at && d.started_at.getTime() === Date.parse(p.startedAt));
}

/**
 * Why the clock pushed the order up, in words that are true: which unit let which step's limit pass, e.g.
 * 「镇街分拨超时上推区中心：松陵街道分中心未在 1 工作时内完成派遣，系统自动上推」.
 */
async function escalationReason(q: Queryable, order: OrderRow, policy: PolicyRow, step: Step): Promise<string> {
  const unitId = supervisedUnit(order, step);
  const unit = unitId ? await getUnit(q, unitId) : null;
  const limit = (await listDeadlines(q, order.id)).find((d) => d.step === step);
  const within = limit ? `在 ${formatLimit(Number(limit.limit_value), limit.limit_unit)}内` : '按时';
  return `${policy.name}：${unit?.name ?? ORDER_LEVEL_LABELS[order.level].zh}未${within}完成${STEP_LABELS[step].zh}，系统自动上推`;
}

export function clockTimerHandler(db: Db, services: OrderServices): TimerHandler {
  return async (tx, timer, { now }) => {
    const p = timer.payload as unknown as ClockPayload;
    const order = timer.order_id ? await lockOrder(tx, timer.order_id) : null;
    if (!order || order.state === 'suspended' || FINAL_STATES.includes(order.state)) return;
    if (!(await stillRunning(tx, order.id, p))) return;
    const policy = (await tx.query<PolicyRow>('select * from supervision_policies where id = $1 and active', [p.policyId])).rows[0];
    if (!policy || policy.step !== p.step || !policyApplies(policy, order)) return;
    if (policy.order_level && policy.order_level !== order.level) return;
    if (policy.action === 'escalate') {
      if (order.level === 'district' || !ruleFor('escalate', order.level).from.includes(order.state)) return;
      // What the district sent down to a town is the town's to dispatch, chased by supervision, not sent back up.
      if (await cameFromDistrictCentre(tx, order.id)) return;
      const reason = await escalationReason(tx, order, policy, p.step);
      await applyAction(db, tx, order, SYSTEM_ACTOR, 'escalate', { reason }, services, now, { data: { auto: true, policyId: policy.id } });
      return;
    }
    await raiseSupervision(tx, services, {
      order,
      level: policy.level!,
      step: p.step,
      policyId: policy.id,
      actor: null,
      note: null,
      taskHours: policy.task_hours,
      notify: policy.notify,
      now,
    });
  };
}

export function clockTimerHandlers(db: Db, services: OrderServices): TimerHandlers {
  return { [CLOCK_TIMER]: clockTimerHandler(db, services) };
}
