/**
 * The search index of an article's published version (kb_terms, and the initials and lengths on its row),
 * rewritten in the transaction that publishes it and removed when it is withdrawn.
 */
import type { Queryable } from '@liandong/db';
import { pinyinInitials } from '../catalogue/pinyin-initials.ts';
import { searchWords } from '../shared/text/segment.ts';
import { plainBody } from './article-body.rules.ts';
import { articleTerms } from './search.rules.ts';

/** Pinyin initials an operator may type for an article: its title, the title's words, its keywords. */
export function articleInitials(title: string, keywords: readonly string[]): string[] {
  const all = [title, ...searchWords(title), ...keywords].map(pinyinInitials).filter((s) => s.length >= 2);
  return [...new Set(all)];
}

export async function indexPublished(tx: Queryable, articleId: number): Promise<void> {
  const v = (
    await tx.query<{ title: string; body: string; keywords: string[] }>(
      'select p.title, p.body, p.keywords from kb_articles a join kb_article_versions p on p.article_id = a.id and p.version = a.published_version where a.id = $1',
      [articleId],
    )
  ).rows[0];
  await unindex(tx, articleId);
  if (!v) return;
  const { terms, lengths } = articleTerms({ title: v.title, body: plainBody(v.body), keywords: v.keywords });
  await tx.query('insert into kb_terms (article_id, term, field, tf) select $1, unnest($2::text[]), unnest($3::text[]), unnest($4::int[])', [
    articleId,
    terms.map((t) => t.term),
    terms.map((t) => t.field),
    terms.map((t) => t.tf),
  ]);
  await tx.query('update kb_articles set initials = $2, title_len = $3, body_len = $4, keywords_len = $5 where id = $1', [
    articleId,
    articleInitials(v.title, v.keywords),
    lengths.title,
    lengths.body,
    lengths.keywords,
  ]);
}

export async function unindex(tx: Queryable, articleId: number): Promise<void> {
  await tx.query('delete from kb_terms where article_id = $1', [articleId]);
  await tx.query(`update kb_articles set initials = '{}', title_len = 0, body_len = 0, keywords_len = 0 where id = $1`, [articleId]);
}
