/**
 * 知识检索: the published articles valid today that answer a query, best first, with highlighted title and
 * snippet (docs/knowledge-base.md). Plain SQL fetches the matching terms and the corpus figures; the score is
 * computed in search.rules.ts — the same on PGlite and a PostgreSQL server.
 */
import type { Queryable } from '@liandong/db';
import type { SearchResult } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { invalidField } from '../shared/errors.ts';
import { plainBody } from './article-body.rules.ts';
import { offeredSql } from './article-scope.ts';
import { highlight, needlesIn, planQuery, rank, snippet, type Candidate, type Field, type Hit, type SynonymPair } from './search.rules.ts';

export async function searchArticles(q: Queryable, actor: Actor, query: { q: string; limit?: number }, now: Date): Promise<SearchResult> {
  assertMay(actor, 'knowledge.read');
  const text = query.q.trim();
  if (!text) throw invalidField('q', '请输入要检索的内容', 'say what to look for');
  const limit = Math.min(50, Math.max(1, query.limit ?? 10));
  const synonyms = (await q.query<SynonymPair>('select word, synonym from kb_synonyms order by id limit 5000')).rows;
  const plan = planQuery(text, synonyms);
  const params: unknown[] = [];
  const offered = offeredSql(now, params);
  const FROM = `from kb_articles a join kb_article_versions p on p.article_id = a.id and p.version = a.published_version where ${offered}`;
  const corpus = (
    await q.query<{ n: number; t: number | null; b: number | null; k: number | null }>(
      `select count(*)::int as n, avg(a.title_len)::float8 as t, avg(a.body_len)::float8 as b, avg(a.keywords_len)::float8 as k ${FROM}`,
      params,
    )
  ).rows[0]!;
  if (!corpus.n) return { items: [], synonyms: plan.synonymsUsed };
  const terms = [...plan.terms.keys()];
  const hp = [...params, terms];
  const hits = (
    await q.query<{ article_id: number; term: string; field: Field; tf: number }>(
      `select t.article_id, t.term, t.field, t.tf from kb_terms t where t.term = any($${hp.length}::text[])
          and t.article_id in (select a.id ${FROM})`,
      hp,
    )
  ).rows.map((h): Hit => ({ articleId: h.article_id, term: h.term, field: h.field, tf: h.tf }));
  const df = new Map<string, number>();
  const seen = new Set<string>();
  for (const h of hits) {
    const key = `${h.term}\u0000${h.articleId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    df.set(h.term, (df.get(h.term) ?? 0) + 1);
  }
  const ids = [...new Set(hits.map((h) => h.articleId))];
  const cp = [...params, ids, plan.initials ?? ''];
  const cands = (
    await q.query<{ id: number; title_len: number; body_len: number; keywords_len: number; published_at: Date; title_initials: boolean; any_initials: boolean }>(
      `select a.id, a.title_len, a.body_len, a.keywords_len, coalesce(a.published_at, a.updated_at) as published_at,
              ($${cp.length} <> '' and position($${cp.length} in coalesce(a.initials[1], '')) > 0) as title_initials,
              ($${cp.length} <> '' and exists (select 1 from unnest(a.initials) i where i like $${cp.length} || '%')) as any_initials
         ${FROM} and (a.id = any($${cp.length - 1}::int[]) or ($${cp.length} <> '' and exists (select 1 from unnest(a.initials) i where position($${cp.length} in i) > 0)))`,
      cp,
    )
  ).rows.map(
    (c): Candidate => ({
      articleId: c.id,
      lengths: { title: c.title_len, body: c.body_len, keywords: c.keywords_len },
      publishedAt: c.published_at,
      initialsMatch: c.title_initials ? 'title' : c.any_initials ? 'keywords' : null,
    }),
  );
  const ranked = rank(plan, cands, hits, { n: corpus.n, df, avgLength: { title: corpus.t ?? 1, body: corpus.b ?? 1, keywords: corpus.k ?? 1 } }, now).slice(0, limit);
  if (!ranked.length) return { items: [], synonyms: plan.synonymsUsed };
  const rows = (
    await q.query<{ id: number; title: string; body: string; category_code: string | null; category_name: string | null; valid_to: string | null; unit_ids: number[]; use_count: number }>(
      `select a.id, p.title, p.body, p.category_code, c.name as category_name, to_char(p.valid_to, 'YYYY-MM-DD') as valid_to, p.unit_ids, a.use_count
         from kb_articles a join kb_article_versions p on p.article_id = a.id and p.version = a.published_version
         left join categories c on c.code = p.category_code where a.id = any($1::int[])`,
      [ranked.map((r) => r.articleId)],
    )
  ).rows;
  const unitIds = [...new Set(rows.flatMap((r) => r.unit_ids))];
  const units = new Map(
    unitIds.length ? (await q.query<{ id: number; name: string }>('select id, name from units where id = any($1::int[])', [unitIds])).rows.map((u) => [u.id, u.name] as const) : [],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    synonyms: plan.synonymsUsed,
    items: ranked.map((r) => {
      const a = byId.get(r.articleId)!;
      const plain = plainBody(a.body);
      return {
        id: a.id,
        title: a.title,
        titleHtml: highlight(a.title, needlesIn(a.title, plan)),
        snippetHtml: snippet(plain, needlesIn(plain, plan)),
        answer: plain.slice(0, 4000),
        category: a.category_code ? { code: a.category_code, name: a.category_name ?? a.category_code } : null,
        units: a.unit_ids.map((id) => ({ id, name: units.get(id) ?? String(id) })),
        validTo: a.valid_to,
        score: Math.round(r.score * 1000) / 1000,
        matched: r.matched,
        useCount: a.use_count,
      };
    }),
  };
}
