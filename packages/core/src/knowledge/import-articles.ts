/**
 * 导入知识: a CSV or .xlsx file with the export's columns (title, category_code, unit_codes `;`, keywords `;`,
 * valid_from, valid_to, body; id optional), written by the importer. A row without id becomes a new draft; a row
 * naming an article he may edit becomes its new version (back to draft; its attachments kept), or nothing when
 * it repeats the content. Every row is checked first, by the rules a single save follows (articles.ts
 * inspectArticle) and within his edit scope; if any row is bad the answer is a 422 listing each row and column,
 * and nothing is written. Otherwise all rows are written in one transaction.
 */
import type { Db, Queryable } from '@liandong/db';
import type { ArticleImportResult } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { DomainError, type RowProblem } from '../shared/errors.ts';
import { readArticleFile, type ArticleColumn, type ArticleFileRow } from './article-file.ts';
import { articleToEdit, insertArticle, inspectArticle, reviseArticle, type Checked } from './articles.ts';

/** The API's field names as the file's columns. */
const COLUMN_OF: Record<string, ArticleColumn> = {
  title: 'title',
  body: 'body',
  keywords: 'keywords',
  validFrom: 'valid_from',
  validTo: 'valid_to',
  categoryCode: 'category_code',
  unitIds: 'unit_codes',
};

/** The export prefixes a cell that would read as a formula with an apostrophe; the import takes it off. */
const text = (v: string | undefined) => {
  const t = (v ?? '').trim();
  return /^'[=+\-@]/.test(t) ? t.slice(1) : t;
};
const list = (v: string | undefined) =>
  text(v)
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

type Plan = { row: number; id: number | null; checked: Checked; cur?: Awaited<ReturnType<typeof articleToEdit>> };

async function unitIdsByCode(q: Queryable, rows: readonly ArticleFileRow[]): Promise<Map<string, number>> {
  const codes = [...new Set(rows.flatMap((r) => list(r.values.unit_codes)))];
  if (!codes.length) return new Map();
  const r = await q.query<{ id: number; code: string }>('select id, code from units where code = any($1::text[])', [codes]);
  return new Map(r.rows.map((u) => [u.code, u.id]));
}

async function planRow(tx: Queryable, actor: Actor, r: ArticleFileRow, units: Map<string, number>, seen: Set<number>, now: Date, problems: RowProblem[]): Promise<Plan | null> {
  const bad = (field: string, zh: string, en: string) => problems.push({ row: r.row, field, zh, en });
  const before = problems.length;
  const v = r.values;
  let id: number | null = null;
  let cur: Plan['cur'];
  const idText = text(v.id);
  if (idText !== '') {
    if (!/^\d{1,9}$/.test(idText)) bad('id', `「${idText}」不是知识编号（新知识请留空）`, `“${idText}” is not an article id (leave it empty for a new article)`);
    else if (seen.has(Number(idText))) bad('id', `知识 ${idText} 在文件中出现了两次`, `article ${idText} appears twice in the file`);
    else {
      id = Number(idText);
      seen.add(id);
      try {
        cur = await articleToEdit(tx, actor, id, now);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        bad('id', `知识 ${id} 不存在或您无权修改`, `article ${id} does not exist or you may not edit it`);
      }
    }
  }
  const codes = list(v.unit_codes);
  const unknown = codes.filter((c) => !units.has(c));
  if (unknown.length) bad('unit_codes', `单位编码 ${unknown.join('、')} 不存在`, `no unit coded ${unknown.join(', ')}`);
  const { checked, problems: found } = await inspectArticle(
    tx,
    actor,
    {
      title: text(v.title),
      body: text(v.body),
      categoryCode: text(v.category_code) || null,
      unitIds: codes.filter((c) => units.has(c)).map((c) => units.get(c)!),
      keywords: list(v.keywords),
      validFrom: text(v.valid_from) || null,
      validTo: text(v.valid_to) || null,
    },
    id,
  );
  for (const p of found) if (!(p.field === 'unitIds' && unknown.length)) bad(COLUMN_OF[p.field] ?? p.field, p.zh, p.en);
  if (problems.length > before || !checked) return null;
  // A new version keeps the article's attachments (the file has no column for them).
  return { row: r.row, id, checked: cur ? { ...checked, fileIds: cur.fileIds } : checked, cur };
}

const SHOWN = 10;

function refusal(problems: readonly RowProblem[]): DomainError {
  const rows = new Set(problems.map((p) => p.row)).size;
  const zh = problems.slice(0, SHOWN).map((p) => `第 ${p.row} 行 ${p.field}：${p.zh}`).join('；');
  const en = problems.slice(0, SHOWN).map((p) => `row ${p.row}, ${p.field}: ${p.en}`).join('; ');
  const more = problems.length > SHOWN;
  return new DomainError(
    422,
    'knowledge_import_invalid',
    {
      zh: `导入未执行：${rows} 行有误，未写入任何知识。${zh}${more ? '……' : ''}`,
      en: `Nothing imported: ${rows} ${rows === 1 ? 'row is' : 'rows are'} wrong, nothing was written. ${en}${more ? ' …' : ''}`,
    },
    problems[0]!.field,
    problems,
  );
}

/** `file`: the request's raw body (CSV text or an .xlsx workbook). */
export async function importArticles(db: Db, actor: Actor, file: unknown, now: Date): Promise<ArticleImportResult> {
  assertMay(actor, 'knowledge.edit');
  if (!(file instanceof Uint8Array) || file.length === 0) throw new DomainError(400, 'invalid_field', { zh: '请以请求体发送 CSV 或 .xlsx 文件', en: 'Send the CSV or .xlsx file as the request body' }, 'body');
  const rows = await readArticleFile(file);
  return db.transaction(async (tx) => {
    const units = await unitIdsByCode(tx, rows);
    const problems: RowProblem[] = [];
    const seen = new Set<number>();
    const plans: Plan[] = [];
    for (const r of rows) {
      const plan = await planRow(tx, actor, r, units, seen, now, problems);
      if (plan) plans.push(plan);
    }
    if (problems.length) throw refusal(problems);
    const result: ArticleImportResult = { created: 0, revised: 0, unchanged: 0, articles: [] };
    for (const p of plans) {
      const note = `由文件导入（第 ${p.row} 行）`;
      if (p.id == null || !p.cur) {
        const id = await insertArticle(tx, actor, p.checked, note, now);
        result.created++;
        result.articles.push({ row: p.row, id, title: p.checked.title, outcome: 'created' });
      } else {
        const changed = await reviseArticle(tx, actor, p.id, p.cur, p.checked, note, now);
        const outcome = changed.length ? 'revised' : 'unchanged';
        result[outcome]++;
        result.articles.push({ row: p.row, id: p.id, title: p.checked.title, outcome });
      }
    }
    return result;
  });
}
