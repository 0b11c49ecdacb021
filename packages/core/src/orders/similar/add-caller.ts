/**
 * 追加来电: another caller reports a matter already on an order. Instead of a duplicate order, he becomes one of
 * its reporters (called back like the first), and the timeline records what he said. An Idempotency-Key makes a
 * retry add him once; an order that is closed, voided, rejected or merged takes no more callers. The citizen
 * portal's 我也遇到 (portal/me-too.ts) adds its citizen through the same step (`addReporter`).
 */
import type { Db, Queryable } from '@liandong/db';
import type { AddCallerInput } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { assertMay } from '../../org/permissions.rules.ts';
import { unprocessable, wrongState } from '../../shared/errors.ts';
import { claimIdempotencyKey, idempotencyScope, requestHashOf, validateIdempotencyKey } from '../idempotency.ts';
import { FINAL_STATES } from '../lifecycle.rules.ts';
import { lockVisibleOrder } from '../order-access.ts';
import { insertEvent } from '../order.repository.ts';
import type { OrderRow } from '../order.types.ts';
import type { OrderServices } from '../order-services.ts';

export interface NewReporter {
  reporter: { name?: string; phone?: string; anonymous?: boolean };
  /** What he said, on the `add-caller` event. */
  description?: string;
  channel: string;
  /** Who recorded it (an operator), or nobody (the portal). */
  actorUserId: number | null;
  actorUnitId: number | null;
  now: Date;
}

/**
 * Adds a reporter to a locked order, with its `add-caller` event, in the caller's transaction: 409 when the order
 * has ended. Answers the reporter's row id.
 */
export async function addReporter(tx: Queryable, order: Pick<OrderRow, 'id' | 'state'>, r: NewReporter): Promise<number> {
  if (FINAL_STATES.includes(order.state)) {
    throw wrongState('工单已结束（已结案、作废、不予受理或已并单），不能追加来电，请登记新工单', 'The order has ended (closed, voided, rejected or merged): register a new order instead');
  }
  const rep = r.reporter;
  const reporter = await tx.query<{ id: number }>(
    'insert into order_reporters (order_id, name, phone, anonymous, created_at) values ($1, $2, $3, $4, $5) returning id',
    [order.id, rep.name ?? null, rep.phone ?? null, rep.anonymous ?? false, r.now],
  );
  const reporterId = Number(reporter.rows[0]!.id);
  await insertEvent(tx, {
    orderId: order.id,
    at: r.now,
    action: 'add-caller',
    actorUserId: r.actorUserId,
    actorUnitId: r.actorUnitId,
    fromState: order.state,
    toState: order.state,
    note: r.description,
    data: { channel: r.channel, reporterId },
  });
  await tx.query('update orders set updated_at = $2, version = version + 1 where id = $1', [order.id, r.now]);
  return reporterId;
}

export async function addCaller(db: Db, actor: Actor, orderId: number, input: AddCallerInput, idempotencyKey: string | undefined, services: OrderServices): Promise<{ replayed: boolean }> {
  assertMay(actor, 'orders.intake');
  const key = validateIdempotencyKey(idempotencyKey);
  const ref = await services.reference.get(db);
  if (!ref.channels.has(input.channel)) throw unprocessable('channel', `来源渠道 ${input.channel} 不存在`, `Unknown channel ${input.channel}`);
  const hash = requestHashOf({ orderId, input });
  const scope = `${idempotencyScope(actor)}:caller`;
  return db.transaction(async (tx) => {
    const order = await lockVisibleOrder(tx, actor, orderId);
    const now = services.clock();
    if (!(await claimIdempotencyKey(tx, { scope, key, hash, orderId, now }))) return { replayed: true };
    await addReporter(tx, order, { reporter: input.reporter, description: input.description, channel: input.channel, actorUserId: actor.userId, actorUnitId: actor.unitId, now });
    return { replayed: false };
  });
}
