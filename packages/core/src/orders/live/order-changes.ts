/**
 * Live order changes (实时推送): the orders a notification names, read once with what deciding who may see them
 * needs (order-scope.ts: the same rule as every read), and what happened to each last. The server fans each
 * change out to the signed-in readers who may see it.
 */
import type { Queryable } from '@liandong/db';
import type { OrderChange, StateCode, TimelineAction } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { iso } from '../../shared/wire.ts';
import { seesOrder, type ScopeFacts } from '../order-scope.ts';

/** The channel every process LISTENs on; migration 0022's trigger NOTIFYs it with the changed orders' ids. */
export const ORDER_CHANGES_CHANNEL = 'liandong_orders';

export interface ChangedOrder {
  change: OrderChange;
  scope: ScopeFacts;
  involved: number[];
}

/** The ids a notification names; null for '*' (a batch too large to name: everything may have changed). */
export function parseChangedIds(payload: string): number[] | null {
  if (payload === '*') return null;
  return payload
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

export async function readChangedOrders(q: Queryable, ids: readonly number[]): Promise<ChangedOrder[]> {
  if (ids.length === 0) return [];
  const r = await q.query<ScopeFacts & { id: number; code: string; state: StateCode; action: TimelineAction; at: Date; involved: number[] }>(
    `select o.id, o.code, o.state, o.created_by, o.district_code, o.town_code, o.village_code, o.grid_code, o.dispatch_unit_id, o.handler_unit_id,
            array(select distinct ou.unit_id from order_units ou where ou.order_id = o.id) as involved, e.action, e.at
       from orders o
       cross join lateral (select action, at from order_events where order_id = o.id order by id desc limit 1) e
      where o.id = any($1::bigint[])`,
    [ids],
  );
  return r.rows.map((o) => ({
    change: { orderId: Number(o.id), code: o.code, state: o.state, action: o.action, at: iso(o.at) },
    scope: o,
    involved: o.involved.map(Number),
  }));
}

/** Whether a reader may be told of the change: exactly when he may see the order. */
export const mayHear = (actor: Actor, c: ChangedOrder): boolean => seesOrder(actor, c.scope, c.involved);
