/**
 * Runs one action on one order, in one transaction: lock the order, check scope (404), role (403),
 * responsibility (403) and state (409), let the action compute its outcome, then write the new state,
 * the changed columns, the timeline event and the clocks together. Nothing is half-written: any error
 * rolls the whole transaction back.
 */
import type { Db, Queryable } from '@liandong/db';
import type { ActionBody, ActionName, StateCode } from '@liandong/contracts';
import { DomainError, forbidden, notFound, unprocessable, wrongState } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { checkAction, isAllowedTarget } from './lifecycle.rules.ts';
import { canSeeOrder, responsibilitiesOf } from './order-scope.ts';
import { getOrder, insertEvent, lockOrder, updateOrder } from './order.repository.ts';
import type { OrderPatch, OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';
import { ACTION_HANDLERS } from './actions/index.ts';
import { stateLabel } from './state-labels.ts';

export const ORDER = { zh: '工单', en: 'Work order' };

export interface ActionContext<A extends ActionName = ActionName> {
  tx: Queryable;
  db: Db;
  order: OrderRow;
  actor: Actor;
  body: ActionBody<A>;
  now: Date;
  services: OrderServices;
}

export interface ActionOutcome {
  to: StateCode;
  patch?: OrderPatch;
  note?: string | null;
  data?: Record<string, unknown>;
  attachmentIds?: number[];
  /** Writes that follow the order's update in the same transaction (clocks, involved units, other orders). */
  after?: (updated: OrderRow) => Promise<void>;
}

export type ActionHandler<A extends ActionName> = (ctx: ActionContext<A>) => Promise<ActionOutcome>;

/** Loads an order the actor may see, locked for update, or throws 404. */
export async function lockVisibleOrder(tx: Queryable, actor: Actor, id: number): Promise<OrderRow> {
  const order = await lockOrder(tx, id);
  if (!order || !(await canSeeOrder(tx, actor, order))) throw notFound(ORDER);
  return order;
}

/** The same check without a lock, for reads. */
export async function findVisibleOrder(q: Queryable, actor: Actor, id: number): Promise<OrderRow> {
  const order = await getOrder(q, id);
  if (!order || !(await canSeeOrder(q, actor, order))) throw notFound(ORDER);
  return order;
}

export function assertMayAct(action: ActionName, order: OrderRow, actor: Actor): void {
  const verdict = checkAction(action, order.state, { roles: actor.roles, holds: responsibilitiesOf(actor, order) });
  if (verdict.ok) return;
  if (verdict.reason === 'role') {
    throw forbidden(`您的角色不能执行「${action}」操作`, `Your role may not perform "${action}"`);
  }
  if (verdict.reason === 'responsibility') {
    throw forbidden(`该工单不由您的单位或网格负责，不能执行「${action}」`, `This order is not your unit's or grid's to "${action}"`);
  }
  const label = stateLabel(order.state);
  throw wrongState(`工单当前状态为「${label.zh}」，不能执行「${action}」`, `The order is "${label.en}"; "${action}" is not allowed now`);
}

export async function performAction<A extends ActionName>(
  db: Db,
  actor: Actor,
  orderId: number,
  action: A,
  body: ActionBody<A>,
  services: OrderServices,
): Promise<OrderRow> {
  return db.transaction(async (tx) => {
    const order = await lockVisibleOrder(tx, actor, orderId);
    assertMayAct(action, order, actor);
    const now = services.clock();
    const handler = ACTION_HANDLERS[action] as ActionHandler<A>;
    const outcome = await handler({ tx, db, order, actor, body, now, services });
    if (!isAllowedTarget(action, order.state, outcome.to)) {
      throw new Error(`action ${action} produced a forbidden transition ${order.state} → ${outcome.to}`);
    }
    await assertAttachments(tx, outcome.attachmentIds ?? []);
    const updated = await updateOrder(tx, order.id, outcome.to, outcome.patch ?? {}, now);
    await insertEvent(tx, {
      orderId: order.id,
      at: now,
      action,
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      fromState: order.state,
      toState: outcome.to,
      note: outcome.note ?? null,
      data: outcome.data,
      attachmentIds: outcome.attachmentIds,
    });
    await outcome.after?.(updated);
    return updated;
  });
}

/** Attachments must be files that exist; the field is named for the caller. */
export async function assertAttachments(q: Queryable, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const r = await q.query<{ id: number }>('select id from files where id = any($1::bigint[])', [ids]);
  const found = new Set(r.rows.map((x) => x.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) {
    throw unprocessable('attachments', `附件 ${missing} 不存在，请先上传`, `Attachment ${missing} does not exist; upload it first`);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
