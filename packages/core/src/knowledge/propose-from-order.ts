/**
 * 由工单生成知识: a handled order's reply proposed as an article — a draft whose body is the request and the answer
 * given (直接办结's answer, the unit's feedback or the closing note), for a writer to edit and submit for review.
 * The writer must see the order; the draft concerns the unit that handled it when he may write about that unit.
 */
import type { Db } from '@liandong/db';
import { ORDER_REPLY_ACTIONS, type ArticleView } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { orderScopeSql } from '../orders/order-scope.ts';
import { notFound, unprocessable } from '../shared/errors.ts';
import { keepsAll } from './article-scope.ts';
import { createArticle } from './articles.ts';


export async function proposeFromOrder(db: Db, actor: Actor, orderId: number, now: Date): Promise<ArticleView> {
  assertMay(actor, 'knowledge.edit', 'orderId');
  const params: unknown[] = [orderId];
  const o = (
    await db.query<{ code: string; description: string; handler_unit_id: number | null; category_name: string | null }>(
      `select o.code, o.description, o.handler_unit_id, c.name as category_name from orders o left join categories c on c.code = o.category_code
        where o.id = $1 and ${orderScopeSql(actor, params)}`,
      params,
    )
  ).rows[0];
  if (!o) throw notFound({ zh: '工单', en: 'Order' });
  const reply = (
    await db.query<{ note: string }>(
      `select note from order_events where order_id = $1 and action = any($2::text[]) and coalesce(trim(note), '') <> '' order by id desc limit 1`,
      [orderId, ORDER_REPLY_ACTIONS],
    )
  ).rows[0];
  if (!reply) throw unprocessable('orderId', `工单 ${o.code} 尚无答复，不能生成知识`, `Order ${o.code} has no reply to propose`);
  const unitIds = o.handler_unit_id != null && (keepsAll(actor) || actor.unitIds.includes(o.handler_unit_id)) ? [o.handler_unit_id] : keepsAll(actor) ? [] : actor.unitIds.slice(0, 1);
  const description = o.description.replace(/\s+/g, ' ').trim();
  return createArticle(
    db,
    actor,
    {
      title: description.length > 60 ? `${description.slice(0, 59)}…` : description,
      body: `## 诉求\n${o.description.trim()}\n\n## 答复\n${reply.note.trim()}`,
      keywords: o.category_name ? [o.category_name.slice(0, 30)] : [],
      unitIds,
      note: `由工单 ${o.code} 的答复生成`,
    },
    now,
  );
}
