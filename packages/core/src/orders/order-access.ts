/**
 * Reaching an order: the actor must be able to see it (else 404, never revealing it exists).
 */
import type { Queryable } from '@liandong/db';
import { notFound } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { canSeeOrder } from './order-scope.ts';
import { getOrder, lockOrder, orderIdByCode } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';

export const ORDER = { zh: '工单', en: 'Work order' };

/**
 * The id of an order named by its id or by its number (工单编号, 'LD…'). An unknown number is 404, like an id the
 * actor may not see: whether it exists is decided by the scope check that follows.
 */
export async function orderIdOf(q: Queryable, ref: number | string): Promise<number> {
  if (typeof ref === 'number') return ref;
  const id = await orderIdByCode(q, ref);
  if (id === undefined) throw notFound(ORDER);
  return id;
}

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
