/**
 * Runs one action on one order, in one transaction: lock the order, check scope (404), role (403),
 * responsibility (403) and state (409), let the action compute its outcome, then write the new state,
 * the changed columns, the timeline event and the clocks together. Nothing is half-written: any error
 * rolls the whole transaction back.
 */
import type { Db, Queryable } from '@liandong/db';
import type { ActionBody, ActionName } from '@liandong/contracts';
import { DomainError, forbidden, wrongState } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { arrivalBy, checkAction, eventDataOf, isAllowedTarget, orderCondition, orderFacts } from './lifecycle.rules.ts';
import { responsibilitiesOf } from './order-scope.ts';
import { insertEvent, updateOrder } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';
import type { ActionHandler } from './action.types.ts';
import { lockVisibleOrder } from './order-access.ts';
import { attachFiles, resolveAttachments } from './attachments.ts';
import { ACTION_HANDLERS } from './actions/index.ts';
import { claimIdempotencyKey, checkedIdempotencyKey, idempotencyScope, requestHashOf } from './idempotency.ts';
import { madeAtOf } from './made-at.rules.ts';
import { stateLabel } from './state-labels.ts';
import { ACTION_LABELS } from './labels.ts';

export function assertMayAct(action: ActionName, order: OrderRow, actor: Actor): void {
  const verdict = checkAction(action, order, { roles: actor.roles, holds: responsibilitiesOf(actor, order) });
  if (verdict.ok) return;
  const zh = ACTION_LABELS[action]?.zh ?? action;
  if (verdict.reason === 'role') {
    throw forbidden(`您的角色不能执行「${zh}」操作`, `Your role may not perform "${action}"`);
  }
  if (verdict.reason === 'responsibility') {
    throw forbidden(`该工单不由您的单位或网格负责，不能执行「${zh}」`, `This order is not your unit's or grid's to "${action}"`);
  }
  const label = stateLabel(order.state);
  throw wrongState(`工单当前状态为「${label.zh}」，不能执行「${zh}」`, `The order is "${label.en}"; "${action}" is not allowed now`);
}

/**
 * How a request for an action came: with an Idempotency-Key, a retry of an action already taken answers as then
 * and changes nothing (the phone's outbox sending again after a lost answer); with Made-At, the moment it was made
 * on the device, when it arrives later.
 */
export interface ActionRequest {
  idempotencyKey?: string;
  madeAt?: string;
}

export async function performAction<A extends ActionName>(
  db: Db,
  actor: Actor,
  orderId: number,
  action: A,
  body: ActionBody<A>,
  services: OrderServices,
  request: ActionRequest = {},
): Promise<{ order: OrderRow; replayed: boolean }> {
  const key = checkedIdempotencyKey(request.idempotencyKey);
  const now = services.clock();
  const madeAt = madeAtOf(request.madeAt, now);
  return db.transaction(async (tx) => {
    const order = await lockVisibleOrder(tx, actor, orderId);
    const claim = { scope: `${idempotencyScope(actor)}:action`, hash: requestHashOf({ orderId, action, body }), orderId, now };
    if (key && !(await claimIdempotencyKey(tx, { ...claim, key }))) return { order, replayed: true };
    assertMayAct(action, order, actor);
    return { order: await applyAction(db, tx, order, actor, action, body, services, now, { madeAt }), replayed: false };
  });
}

/** The platform itself acting (the clock escalating, a citizen's callback link): no user, no unit. */
export const SYSTEM_ACTOR: Actor = { userId: 0, username: 'system', displayName: '系统', roles: new Set(), unitId: null, unitIds: [], areaCodes: [] };

/**
 * Runs an action's handler on a locked order and writes its outcome with the timeline event. The caller has
 * checked who may act (performAction) or is the platform itself (SYSTEM_ACTOR); the target state is still
 * held to the rule table.
 */
export async function applyAction<A extends ActionName>(
  db: Db,
  tx: Queryable,
  order: OrderRow,
  actor: Actor,
  action: A,
  body: ActionBody<A>,
  services: OrderServices,
  now: Date,
  extra: { data?: Record<string, unknown>; madeAt?: Date | null } = {},
): Promise<OrderRow> {
  const refused = orderCondition(action, orderFacts(order));
  if (refused) throw new DomainError(409, refused.code, refused.messages);
  const handler = ACTION_HANDLERS[action] as ActionHandler<A>;
  const outcome = await handler({ tx, db, order, actor, body, now, services });
  if (!isAllowedTarget(action, order.state, outcome.to)) {
    throw new Error(`action ${action} produced a forbidden transition ${order.state} → ${outcome.to}`);
  }
  const fileIds = await resolveAttachments(tx, actor, outcome.attachmentIds ?? []);
  await attachFiles(tx, order.id, actor, fileIds);
  const data = { ...eventDataOf(action, order.pending_request?.kind ?? null, outcome.patch?.pending_request === null, outcome.data), ...extra.data };
  const arrivedBy = arrivalBy(action, order.state, outcome.to);
  const updated = await updateOrder(tx, order.id, outcome.to, { ...outcome.patch, ...(arrivedBy ? { arrived_by: arrivedBy } : {}) }, now);
  await insertEvent(tx, {
    orderId: order.id,
    at: now,
    action,
    actorUserId: actor.userId || null,
    actorUnitId: actor.unitId,
    fromState: order.state,
    toState: outcome.to,
    note: outcome.note ?? null,
    data,
    attachmentIds: fileIds,
    madeAt: extra.madeAt ?? null,
  });
  await outcome.after?.(updated);
  return updated;
}
