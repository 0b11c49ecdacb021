/**
 * 查看号码: a handler calls the citizen back about his order (to ask, to arrange a visit, to explain). Lists show
 * a masked number; the people handling or dispatching the order may reveal it, one reporter at a time, with a
 * reason, and each reveal is written to the audit trail. Never on a confidential (保密) order or an anonymous
 * reporter, nor for a reporter who came with a confidential merged order.
 */
import type { Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { hasRole } from '../org/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { findVisibleOrder } from './order-access.ts';
import { responsibilitiesOf } from './order-scope.ts';
import { reporterOfOrder } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';

/** Who may reveal: a handler of the lead or a co-handling unit, or the dispatching centre's desk. */
const MAY_REVEAL = [
  { roles: ['handler'], holds: ['handler_unit', 'co_unit'] },
  { roles: ['operator', 'dispatcher', 'shift_lead'], holds: ['dispatch_unit'] },
] as const;

/** Whether the actor may reveal this order's reporters' numbers (one rule for the route and the order view). */
export function mayRevealPhone(actor: Actor, order: OrderRow): boolean {
  if (order.confidential) return false;
  const holds = responsibilitiesOf(actor, order);
  return MAY_REVEAL.some((m) => m.roles.some((r) => hasRole(actor, r)) && m.holds.some((h) => holds.has(h)));
}

export async function revealReporterPhone(q: Queryable, actor: Actor, orderId: number, reporterId: number, reason: string, now: Date, ip?: string): Promise<{ reporterId: number; phone: string }> {
  const order = await findVisibleOrder(q, actor, orderId);
  if (order.confidential) throw forbidden('保密工单不能查看诉求人号码', "A confidential order's reporters cannot be revealed");
  if (!mayRevealPhone(actor, order)) {
    throw forbidden('只有承办、协办单位或派单中心的人员可以查看诉求人号码', "Only the people handling or dispatching this order may reveal a reporter's number");
  }
  const reporter = await reporterOfOrder(q, order.id, reporterId);
  if (!reporter) throw notFound({ zh: '诉求人', en: 'Reporter' });
  if (reporter.anonymous || reporter.source_confidential) throw forbidden('匿名或保密的诉求人不能查看号码', 'An anonymous or confidential reporter cannot be revealed');
  if (!reporter.phone) throw notFound({ zh: '诉求人号码', en: "Reporter's number" });
  await recordAudit(q, { actor, action: 'reveal_phone', orderId: order.id, details: { reporterId, reason }, ip: ip ?? null, at: now });
  return { reporterId, phone: reporter.phone };
}
