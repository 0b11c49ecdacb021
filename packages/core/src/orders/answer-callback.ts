/**
 * A citizen answers the callback link: the rating is recorded as the callback of the order (by the
 * platform, on the citizen's behalf), and a substantive dissatisfaction reopens it like any callback.
 */
import type { Db } from '@liandong/db';
import type { CallbackLinkView, Satisfaction } from '@liandong/contracts';
import { iso } from '../shared/wire.ts';
import { conflict, DomainError, notFound } from '../shared/errors.ts';
import { sha256 } from '../auth/tokens.ts';
import { insertEvent, lockOrder } from './order.repository.ts';
import type { OrderServices } from './order-services.ts';
import { applyAction, SYSTEM_ACTOR } from './perform-action.ts';

const LINK = { zh: '回访链接', en: 'Callback link' };

/**
 * Where a link's answer counts: waiting for the callback (the answer is the order's callback), or — for the other
 * reporters of a merged order (并案) — after another reporter's answer was the callback: theirs is recorded too.
 * A reopened order's old links no longer speak of its result.
 */
export const RATEABLE: ReadonlySet<string> = new Set(['pending_callback', 'pending_close', 'closed']);

interface LinkRow {
  order_id: number;
  reporter_id: number | null;
  expires_at: Date;
  used_at: Date | null;
}

async function findLink(db: Db, token: string, forUpdate: boolean): Promise<LinkRow> {
  const r = await db.query<LinkRow>(`select * from callback_links where token_hash = $1${forUpdate ? ' for update' : ''}`, [sha256(token)]);
  if (!r.rows[0]) throw notFound(LINK);
  return r.rows[0];
}

/** What the citizen sees before answering: the order and the result reported, nothing about other people. */
export async function callbackLinkView(db: Db, token: string, now: Date): Promise<CallbackLinkView> {
  const link = await findLink(db, token, false);
  const o = (await db.query<{ code: string; description: string; state: string }>('select code, description, state from orders where id = $1', [link.order_id])).rows[0]!;
  const result = await db.query<{ note: string | null }>(`select note from order_events where order_id = $1 and action = 'feedback' order by id desc limit 1`, [link.order_id]);
  return {
    orderCode: o.code,
    description: o.description,
    result: result.rows[0]?.note ?? null,
    answered: link.used_at !== null,
    open: link.used_at === null && link.expires_at > now && RATEABLE.has(o.state),
    expiresAt: iso(link.expires_at),
  };
}

export async function answerCallback(
  db: Db,
  token: string,
  answer: { satisfaction: Satisfaction; comment?: string; substantive?: boolean },
  services: OrderServices,
) {
  const now = services.clock();
  return db.transaction(async (tx) => {
    const r = await tx.query<LinkRow & { token_hash: string }>('select * from callback_links where token_hash = $1 for update', [sha256(token)]);
    const link = r.rows[0];
    if (!link) throw notFound(LINK);
    if (link.used_at) throw conflict('already_answered', '您已评价过，感谢您的反馈', 'You have already answered; thank you');
    if (link.expires_at <= now) throw new DomainError(410, 'link_expired', { zh: '回访链接已过期', en: 'The callback link has expired' });
    const order = (await lockOrder(tx, link.order_id))!;
    if (!RATEABLE.has(order.state)) throw conflict('wrong_state', '该工单当前无需回访', 'This order is not waiting for a callback');
    await tx.query('update callback_links set used_at = $2 where token_hash = $1', [link.token_hash, now]);
    if (order.state !== 'pending_callback') {
      // Another reporter's answer was the callback: this one's rating is recorded beside it, on the timeline too.
      await tx.query('update order_reporters set satisfaction = $3 where id = $1 and order_id = $2', [link.reporter_id, order.id, answer.satisfaction]);
      await insertEvent(tx, {
        orderId: order.id,
        at: now,
        action: 'rate',
        actorUserId: null,
        actorUnitId: null,
        fromState: order.state,
        toState: order.state,
        note: answer.comment ?? null,
        data: { satisfaction: answer.satisfaction, reporterId: link.reporter_id, via: 'link' },
        attachmentIds: [],
      });
      return { orderCode: order.code, state: order.state };
    }
    const updated = await applyAction(
      db,
      tx,
      order,
      SYSTEM_ACTOR,
      'callback',
      { satisfaction: answer.satisfaction, substantive: answer.substantive, reporterId: link.reporter_id ?? undefined, note: answer.comment },
      services,
      now,
      { data: { via: 'link' } },
    );
    return { orderCode: updated.code, state: updated.state };
  });
}
