/**
 * 导出知识: the articles the reader keeps or reads, one row each with its working copy (readers: the published
 * version) and the codes of the units it concerns — as CSV (UTF-8 with BOM, opens in Excel) or as an .xlsx
 * workbook. The columns are the import's format (import-articles.ts). In CSV a cell a spreadsheet would read as a
 * formula (= + - @) is prefixed with an apostrophe; in .xlsx every cell is a string cell, never a formula.
 */
import type { Queryable } from '@liandong/db';
import { ARTICLE_FILE_COLUMNS } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { csvField } from '../catalogue/export-catalogue-csv.ts';
import { keptSql, offeredSql } from './article-scope.ts';

type Column = (typeof ARTICLE_FILE_COLUMNS)[number];
type ExportRow = Record<Column, string | number | null>;

async function exportRows(q: Queryable, actor: Actor, now: Date): Promise<ExportRow[]> {
  assertMay(actor, 'knowledge.read');
  const params: unknown[] = [];
  const kept = keptSql(actor, params);
  const offered = offeredSql(now, params);
  const r = await q.query<ExportRow>(
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
  return r.rows;
}

const cell = (v: string | number | null) => csvField(typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v);

export async function exportArticlesCsv(q: Queryable, actor: Actor, now: Date): Promise<string> {
  const rows = await exportRows(q, actor, now);
  const lines = [ARTICLE_FILE_COLUMNS.join(','), ...rows.map((row) => ARTICLE_FILE_COLUMNS.map((c) => cell(row[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const WIDTHS: Partial<Record<Column, number>> = { title: 36, unit_codes: 18, keywords: 24, valid_from: 12, valid_to: 12, updated_at: 17, body: 80 };

export async function exportArticlesXlsx(q: Queryable, actor: Actor, now: Date): Promise<Buffer> {
  const rows = await exportRows(q, actor, now);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '联动 Liandong';
  wb.created = now;
  const ws = wb.addWorksheet('知识库');
  ws.columns = ARTICLE_FILE_COLUMNS.map((c) => ({ header: c, key: c, width: WIDTHS[c] ?? 10 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    // Ids and counts as numbers; the rest as text (a date stays the text YYYY-MM-DD, nothing becomes a formula).
    ws.addRow(ARTICLE_FILE_COLUMNS.map((c) => (c === 'id' || c === 'version' || c === 'use_count' ? Number(r[c]) : (r[c] ?? ''))));
  }
  ws.getColumn('body').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
