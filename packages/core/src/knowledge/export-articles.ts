/**
 * 导出知识: the articles the reader keeps or reads, as CSV (UTF-8 with BOM, opens in Excel), one row each with its
 * working copy (readers: the published version) and the codes of the units it concerns. A cell a spreadsheet would
 * read as a formula (= + - @) is prefixed with an apostrophe.
 */
import type { Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { csvField } from '../catalogue/export-catalogue-csv.ts';
import { keptSql, offeredSql } from './article-scope.ts';

export const ARTICLE_CSV_COLUMNS = ['id', 'title', 'state', 'category_code', 'unit_codes', 'keywords', 'valid_from', 'valid_to', 'version', 'use_count', 'updated_at', 'body'] as const;

const cell = (v: string | number | null) => csvField(typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v);

export async function exportArticlesCsv(q: Queryable, actor: Actor, now: Date): Promise<string> {
  assertMay(actor, 'knowledge.read');
  const params: unknown[] = [];
  const kept = keptSql(actor, params);
  const offered = offeredSql(now, params);
  const r = await q.query<Record<(typeof ARTICLE_CSV_COLUMNS)[number], string | number | null>>(
    `select a.id,
            case when ${kept} then a.title else p.title end as title, a.state,
            case when ${kept} then a.category_code else p.category_code end as category_code,
            (select string_agg(u.code, ';' order by u.code) from units u where u.id = any(case when ${kept}
               then array(select unit_id from kb_article_units where article_id = a.id) else p.unit_ids end)) as unit_codes,
            array_to_string(case when ${kept} then a.keywords else p.keywords end, ';') as keywords,
            to_char(case when ${kept} then a.valid_from else p.valid_from end, 'YYYY-MM-DD') as valid_from,
            to_char(case when ${kept} then a.valid_to else p.valid_to end, 'YYYY-MM-DD') as valid_to,
            a.version, a.use_count, to_char(a.updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') as updated_at,
            case when ${kept} then a.body else p.body end as body
       from kb_articles a left join kb_article_versions p on p.article_id = a.id and p.version = a.published_version
      where ${kept} or ${offered}
      order by a.id`,
    params,
  );
  const lines = [ARTICLE_CSV_COLUMNS.join(','), ...r.rows.map((row) => ARTICLE_CSV_COLUMNS.map((c) => cell(row[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
