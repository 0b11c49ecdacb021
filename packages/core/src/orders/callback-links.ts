/**
 * 回访 by link: when an order waits for its callback, every reporter who left a phone number gets an SMS
 * with a link to rate the result. The link's token is random; only its hash is stored. Answering it is
 * the same callback an operator records (answer-callback.ts).
 */
import type { Queryable } from '@liandong/db';
import { enqueueMessage } from '../notify/index.ts';
import { newSecret, sha256 } from '../auth/tokens.ts';
import type { OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';

export const CALLBACK_LINK_DAYS = 7;

export async function requestCallbacks(q: Queryable, services: OrderServices, order: Pick<OrderRow, 'id' | 'code'>, now: Date): Promise<number> {
  const reporters = await q.query<{ id: number; phone: string }>(
    'select id, phone from order_reporters where order_id = $1 and phone is not null order by id',
    [order.id],
  );
  for (const r of reporters.rows) {
    const token = newSecret('cb');
    await q.query('insert into callback_links (token_hash, order_id, reporter_id, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
      sha256(token),
      order.id,
      r.id,
      now,
      new Date(now.getTime() + CALLBACK_LINK_DAYS * 86_400_000),
    ]);
    await enqueueMessage(q, {
      template: 'callback.request',
      vars: { orderCode: order.code, link: `${services.publicUrl ?? 'http://127.0.0.1:8080'}/portal/rate/${token}` },
      channel: 'sms',
      recipient: { kind: 'phone', phone: r.phone },
      orderId: order.id,
      at: now,
    });
  }
  return reporters.rows.length;
}
