import { forbidden, unprocessable, wrongState } from '../../shared/errors.ts';
import { coversUnit } from '../../org/actor.ts';
import type { ActionHandler } from '../action.types.ts';
import { lockVisibleOrder } from '../order-access.ts';
import { completeDeadlines, insertEvent, reporterPhones, updateOrder } from '../order.repository.ts';
import { enqueueMessage } from '../../notify/index.ts';
import type { OrderRow } from '../order.types.ts';

const MERGEABLE = new Set(['pending_accept', 'pending_dispatch']);

/**
 * 并单: duplicates of one incident close under this order; their reporters join it, so every one of
 * them is informed and can rate the result.
 */
export const merge: ActionHandler<'merge'> = async ({ tx, order, actor, body, now }) => {
  const ids = [...new Set(body.duplicateIds)].sort((a, b) => a - b);
  if (ids.includes(order.id)) throw unprocessable('duplicateIds', '不能把工单并入自身', 'An order cannot be merged into itself');
  const duplicates: OrderRow[] = [];
  for (const id of ids) {
    const dup = await lockVisibleOrder(tx, actor, id);
    if (!MERGEABLE.has(dup.state)) {
      throw wrongState(`工单 ${dup.code} 已在办理中，不能并单`, `Order ${dup.code} is already being handled and cannot be merged`);
    }
    if (!coversUnit(actor, dup.dispatch_unit_id)) {
      throw forbidden(`工单 ${dup.code} 不由您的中心分拨`, `Order ${dup.code} is not dispatched by your centre`);
    }
    duplicates.push(dup);
  }
  return {
    to: order.state,
    note: body.note,
    data: { duplicateIds: ids, duplicateCodes: duplicates.map((d) => d.code) },
    after: async () => {
      for (const dup of duplicates) {
        await updateOrder(tx, dup.id, 'merged', { merged_into_id: order.id, closed_at: now, arrived_by: 'merged-into' }, now);
        await insertEvent(tx, {
          orderId: dup.id,
          at: now,
          action: 'merged-into',
          actorUserId: actor.userId,
          actorUnitId: actor.unitId,
          fromState: dup.state,
          toState: 'merged',
          note: body.note,
          data: { intoOrderId: order.id, intoOrderCode: order.code },
        });
        await tx.query(
          `insert into order_reporters (order_id, source_order_id, name, phone, anonymous, created_at)
           select $1, order_id, name, phone, anonymous, created_at from order_reporters where order_id = $2`,
          [order.id, dup.id],
        );
        await completeDeadlines(tx, dup.id, ['accept', 'dispatch'], now, 'withdrawn');
        // 并单告知: the duplicate's reporters learn under which order their report is handled now.
        for (const phone of await reporterPhones(tx, dup.id)) {
          await enqueueMessage(tx, {
            template: 'citizen.merged',
            vars: { orderCode: dup.code, intoOrderCode: order.code },
            channel: 'sms',
            recipient: { kind: 'phone', phone },
            orderId: dup.id,
            at: now,
          });
        }
      }
    },
  };
};
