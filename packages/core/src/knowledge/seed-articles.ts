/** Articles written as published at once (the demo district's knowledge base): versions and index as a reviewer's publish leaves them. */
import type { Queryable } from '@liandong/db';
import { cleanBody } from './article-body.rules.ts';
import { indexPublished } from './index-article.ts';

export interface SeedArticle {
  title: string;
  body: string;
  keywords: string[];
  unitIds: number[];
  categoryCode?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

export async function insertPublishedArticle(tx: Queryable, a: SeedArticle, at: Date): Promise<number> {
  const id = (
    await tx.query<{ id: number }>(
      `insert into kb_articles (title, body, category_code, keywords, valid_from, valid_to, state, version, published_version, created_at, updated_at, submitted_at, reviewed_at, published_at)
       values ($1, $2, $3, $4, $5::date, $6::date, 'published', 2, 2, $7, $7, $7, $7, $7) returning id`,
      [a.title, cleanBody(a.body), a.categoryCode ?? null, a.keywords, a.validFrom ?? null, a.validTo ?? null, at],
    )
  ).rows[0]!.id;
  if (a.unitIds.length) await tx.query('insert into kb_article_units (article_id, unit_id) select $1, unnest($2::int[])', [id, a.unitIds]);
  await tx.query(
    `insert into kb_article_versions (article_id, version, event, title, body, category_code, keywords, unit_ids, valid_from, valid_to, changed_fields, changed_at)
     select a.id, v.version, v.event, a.title, a.body, a.category_code, a.keywords, $2::int[], a.valid_from, a.valid_to, v.changed, $3
       from kb_articles a, (values (1, 'created', array['title', 'body', 'keywords', 'unitIds']), (2, 'published', '{}'::text[])) as v(version, event, changed)
      where a.id = $1`,
    [id, [...a.unitIds].sort((x, y) => x - y), at],
  );
  await indexPublished(tx, id);
  return id;
}
