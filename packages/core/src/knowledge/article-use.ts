/**
 * An article answering an order (直接办结 with it): the action's decision asks for the article offered today
 * (orders/decisions/asks.ts `article`), and its effect links it to the order and counts the use.
 */
import type { Queryable } from '@liandong/db';
import { offeredSql } from './article-scope.ts';

export interface OfferedArticle {
  id: number;
  title: string;
  version: number;
}

/** The article if it is offered to operators today (published, valid), else null. */
export async function offeredArticle(q: Queryable, id: number, now: Date): Promise<OfferedArticle | null> {
  const params: unknown[] = [id];
  const r = await q.query<OfferedArticle>(
    `select a.id, p.title, p.version from kb_articles a join kb_article_versions p on p.article_id = a.id and p.version = a.published_version
      where a.id = $1 and ${offeredSql(now, params)}`,
    params,
  );
  return r.rows[0] ?? null;
}

/** Links the article to the order and counts it (once per order). */
export async function recordArticleUse(tx: Queryable, articleId: number, orderId: number, userId: number | null, now: Date): Promise<void> {
  const r = await tx.query('insert into kb_article_uses (article_id, order_id, used_by, used_at) values ($1, $2, $3, $4) on conflict do nothing', [articleId, orderId, userId, now]);
  if (r.rowCount) await tx.query('update kb_articles set use_count = use_count + 1 where id = $1', [articleId]);
}
