/**
 * Reaching an order: the actor must be able to see it (else 404, never revealing it exists).
 */
import type { Queryable } from '@liandong/db';
import { notFound } from '../shared/errors.ts';
import type { Actor } from '../org/actor.ts';
import { canSeeOrder } from './order-scope.ts';
import { getOrder, lockOrder } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';

export const ORDER = { zh: '工单', en: 'Work order' };

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
