/**
 * 知识文章: writing, reviewing and reading articles (docs/knowledge-base.md). Every save and every review decision is
 * a version row (kb_article_versions) naming who and what changed. The working copy moves draft → pending →
 * published | rejected; a published version stays offered while a newer working copy is edited and reviewed, and
 * is replaced when that one is published (its terms re-indexed in the same transaction).
 */
import type { Db, Queryable } from '@liandong/db';
import type { ArticleAction, ArticleInput, ArticleListItem, ArticlePage, ArticleState, ArticleVersionView, ArticleView, Lang } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay, may } from '../org/permissions.rules.ts';
import { DomainError, invalidField, notFound, unprocessable, wrongState } from '../shared/errors.ts';
import { pageWindow } from '../shared/paging.ts';
import { cleanBody, renderBody } from './article-body.rules.ts';
import { keepsAll, keptSql, offeredSql } from './article-scope.ts';
import { indexPublished, unindex } from './index-article.ts';
import { assertMayPublishWritten, mayPublishWritten, readKnowledgeSettings, type KnowledgeSettings } from './review-settings.ts';

const WHAT = { zh: '知识', en: 'Article' };

interface ArticleRow {
  id: number;
  title: string;
  body: string;
  category_code: string | null;
  category_name: string | null;
  keywords: string[];
  valid_from: string | null;
  valid_to: string | null;
  state: ArticleState;
  version: number;
  published_version: number | null;
  reject_reason: string | null;
  use_count: number;
  created_at: Date;
  created_by: number | null;
  created_name: string | null;
  updated_at: Date;
  updated_by: number | null;
  updated_name: string | null;
  published_at: Date | null;
  offered: boolean;
  kept: boolean;
  /** who last wrote the working copy's content (created or edited it) */
  written_by: number | null;
}

/** The article's working copy (`kept`) or, for a reader, its published version; `offered` today. */
function selectSql(actor: Actor, now: Date, params: unknown[]): string {
  const offered = offeredSql(now, params);
  const kept = keptSql(actor, params);
  return `select a.id, a.title, a.body, a.category_code, c.name as category_name, a.keywords,
      to_char(a.valid_from, 'YYYY-MM-DD') as valid_from, to_char(a.valid_to, 'YYYY-MM-DD') as valid_to,
      a.state, a.version, a.published_version, a.reject_reason, a.use_count, a.created_at, a.created_by, cu.display_name as created_name,
      a.updated_at, a.updated_by, uu.display_name as updated_name, a.published_at, ${offered} as offered, ${kept} as kept,
      (select v.changed_by from kb_article_versions v where v.article_id = a.id and v.event in ('created', 'edited') order by v.version desc limit 1) as written_by,
      p.title as p_title, p.body as p_body, p.category_code as p_category_code, pc.name as p_category_name, p.keywords as p_keywords,
      to_char(p.valid_from, 'YYYY-MM-DD') as p_valid_from, to_char(p.valid_to, 'YYYY-MM-DD') as p_valid_to, p.unit_ids as p_unit_ids, p.file_ids as p_file_ids
    from kb_articles a
    left join kb_article_versions p on p.article_id = a.id and p.version = a.published_version
    left join categories c on c.code = a.category_code
    left join categories pc on pc.code = p.category_code
    left join users cu on cu.id = a.created_by
    left join users uu on uu.id = a.updated_by`;
}

type FullRow = ArticleRow & {
  p_title: string | null;
  p_body: string | null;
  p_category_code: string | null;
  p_category_name: string | null;
  p_keywords: string[] | null;
  p_valid_from: string | null;
  p_valid_to: string | null;
  p_unit_ids: number[] | null;
  p_file_ids: string[] | null;
};

/** A reader who does not keep it sees the published version's content. */
function asSeen(r: FullRow): FullRow {
  if (r.kept || r.p_title == null) return r;
  return {
    ...r,
    title: r.p_title,
    body: r.p_body ?? '',
    category_code: r.p_category_code,
    category_name: r.p_category_name,
    keywords: r.p_keywords ?? [],
    valid_from: r.p_valid_from,
    valid_to: r.p_valid_to,
  };
}

function allowedActions(actor: Actor, r: ArticleRow, settings: KnowledgeSettings): ArticleAction[] {
  if (!r.kept) return [];
  const out: ArticleAction[] = [];
  const edit = may(actor, 'knowledge.edit');
  const review = may(actor, 'knowledge.review');
  if (edit) out.push('edit');
  if (edit && (r.state === 'draft' || r.state === 'rejected')) out.push('submit');
  if (review && r.state === 'pending' && mayPublishWritten(actor, r.written_by, settings)) out.push('publish');
  if (review && r.state === 'pending') out.push('reject');
  if (review && r.published_version != null) out.push('withdraw');
  return out;
}

async function unitsOf(q: Queryable, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (!ids.length) return [];
  return (await q.query<{ id: number; name: string }>('select id, name from units where id = any($1::int[]) order by id', [ids])).rows;
}

async function fullView(q: Queryable, actor: Actor, raw: FullRow): Promise<ArticleView> {
  const r = asSeen(raw);
  const unitIds = r.kept ? (await q.query<{ unit_id: number }>('select unit_id from kb_article_units where article_id = $1 order by unit_id', [r.id])).rows.map((u) => u.unit_id) : (r.p_unit_ids ?? []);
  const files = r.kept
    ? (await q.query<{ public_id: string; name: string; content_type: string; size: number }>(
        'select f.public_id, f.name, f.content_type, f.size from kb_article_files af join files f on f.id = af.file_id where af.article_id = $1 order by af.position',
        [r.id],
      )).rows
    : (await q.query<{ public_id: string; name: string; content_type: string; size: number }>(
        'select f.public_id, f.name, f.content_type, f.size from files f where f.id = any($1::bigint[]) order by array_position($1::bigint[], f.id)',
        [r.p_file_ids ?? []],
      )).rows;
  return {
    id: r.id,
    title: r.title,
    body: r.body,
    bodyHtml: renderBody(r.body),
    category: r.category_code ? { code: r.category_code, name: r.category_name ?? r.category_code } : null,
    units: await unitsOf(q, unitIds),
    keywords: r.keywords,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    state: r.state,
    live: r.published_version != null,
    offered: r.offered,
    version: r.version,
    publishedVersion: r.published_version,
    rejectReason: r.kept ? r.reject_reason : null,
    attachments: files.map((f) => ({ id: f.public_id, name: f.name, contentType: f.content_type, size: Number(f.size) })),
    useCount: r.use_count,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by != null ? { id: r.created_by, name: r.created_name ?? '' } : null,
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by != null ? { id: r.updated_by, name: r.updated_name ?? '' } : null,
    publishedAt: r.published_at?.toISOString() ?? null,
    allowedActions: allowedActions(actor, r, await readKnowledgeSettings(q)),
  };
}

/** The article as the actor may see it (kept, or offered today), or 404. `lock` takes its row first. */
async function visible(q: Queryable, actor: Actor, id: number, now: Date, lock = false): Promise<FullRow> {
  if (lock) await q.query('select 1 from kb_articles where id = $1 for update', [id]);
  const params: unknown[] = [id];
  const sql = selectSql(actor, now, params);
  const r = (await q.query<FullRow>(`${sql} where a.id = $1`, params)).rows[0];
  if (!r || !(r.kept || r.offered)) throw notFound(WHAT);
  return r;
}

export async function getArticle(q: Queryable, actor: Actor, id: number, now: Date): Promise<ArticleView> {
  assertMay(actor, 'knowledge.read');
  return fullView(q, actor, await visible(q, actor, id, now));
}

export interface ArticleFilter {
  state?: ArticleState;
  q?: string;
  unitId?: number;
  page?: number;
  pageSize?: number;
}

/** The articles the actor keeps (any state) and those offered to him, newest change first. */
export async function listArticles(q: Queryable, actor: Actor, f: ArticleFilter, now: Date, _lang: Lang): Promise<ArticlePage> {
  assertMay(actor, 'knowledge.read');
  const params: unknown[] = [];
  const sql = selectSql(actor, now, params);
  const offered = offeredSql(now, params);
  const kept = keptSql(actor, params);
  const where = [`(${kept} or ${offered})`];
  if (f.state) where.push(`a.state = $${params.push(f.state)} and ${kept}`);
  if (f.q?.trim()) where.push(`position(lower($${params.push(f.q.trim())}) in lower(a.title || ' ' || array_to_string(a.keywords, ' '))) > 0`);
  if (f.unitId) where.push(`exists (select 1 from kb_article_units au where au.article_id = a.id and au.unit_id = $${params.push(f.unitId)})`);
  const whereSql = where.join(' and ');
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from (${sql} where ${whereSql}) x`, params)).rows[0]!.n;
  const win = pageWindow(f, params);
  const rows = (await q.query<FullRow>(`${sql} where ${whereSql} order by a.updated_at desc, a.id desc ${win.sql}`, params)).rows.map(asSeen);
  const units = new Map<number, { id: number; name: string }[]>();
  if (rows.length) {
    const u = await q.query<{ article_id: number; id: number; name: string }>(
      'select au.article_id, u.id, u.name from kb_article_units au join units u on u.id = au.unit_id where au.article_id = any($1::int[]) order by u.id',
      [rows.map((r) => r.id)],
    );
    for (const x of u.rows) units.set(x.article_id, [...(units.get(x.article_id) ?? []), { id: x.id, name: x.name }]);
  }
  const items = rows.map(
    (r): ArticleListItem => ({
      id: r.id,
      title: r.title,
      category: r.category_code ? { code: r.category_code, name: r.category_name ?? r.category_code } : null,
      units: units.get(r.id) ?? [],
      keywords: r.keywords,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      state: r.state,
      live: r.published_version != null,
      offered: r.offered,
      version: r.version,
      useCount: r.use_count,
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by != null ? { id: r.updated_by, name: r.updated_name ?? '' } : null,
    }),
  );
  return { total, page: win.page, pageSize: win.pageSize, items };
}

export interface Checked {
  title: string;
  body: string;
  categoryCode: string | null;
  unitIds: number[];
  keywords: string[];
  validFrom: string | null;
  validTo: string | null;
  fileIds: number[];
}

/** One thing wrong with an article's input: the field (the API's name), the answer's status, the words. */
export interface FieldProblem {
  status: 400 | 403 | 422;
  field: string;
  zh: string;
  en: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isDate = (v: string) => {
  const d = new Date(`${v}T00:00:00Z`);
  return DATE.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/**
 * The input checked against the rules and the database, every problem listed (an import reports them all); the
 * checked content when there is none. Writes nothing.
 */
export async function inspectArticle(q: Queryable, actor: Actor, input: ArticleInput, articleId: number | null): Promise<{ checked: Checked | null; problems: FieldProblem[] }> {
  const problems: FieldProblem[] = [];
  const bad = (status: FieldProblem['status'], field: string, zh: string, en: string) => problems.push({ status, field, zh, en });
  const title = input.title.replace(/\s+/g, ' ').trim();
  if (!title) bad(400, 'title', '标题不能为空', 'the title is empty');
  else if (title.length > 200) bad(400, 'title', '标题最多 200 字', 'the title is longer than 200 characters');
  const body = cleanBody(input.body);
  if (!body) bad(400, 'body', '正文不能为空', 'the body is empty');
  else if (body.length > 20000) bad(400, 'body', '正文最多 20000 字', 'the body is longer than 20,000 characters');
  const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter((k) => k !== ''))];
  if (keywords.length > 20) bad(400, 'keywords', '关键词最多 20 个', 'at most 20 keywords');
  const long = keywords.find((k) => k.length > 30);
  if (long) bad(400, 'keywords', `关键词「${long.slice(0, 30)}…」超过 30 字`, `the keyword “${long.slice(0, 30)}…” is longer than 30 characters`);
  const validFrom = input.validFrom ?? null;
  const validTo = input.validTo ?? null;
  if (validFrom != null && !isDate(validFrom)) bad(400, 'validFrom', '日期格式应为 YYYY-MM-DD', 'a date is YYYY-MM-DD');
  if (validTo != null && !isDate(validTo)) bad(400, 'validTo', '日期格式应为 YYYY-MM-DD', 'a date is YYYY-MM-DD');
  else if (validFrom && validTo && isDate(validFrom) && validTo < validFrom) bad(400, 'validTo', '失效日期不能早于生效日期', 'validTo is before validFrom');
  const categoryCode = input.categoryCode?.trim() || null;
  if (categoryCode && !(await q.query('select 1 from categories where code = $1', [categoryCode])).rowCount) {
    bad(422, 'categoryCode', `分类 ${categoryCode} 不存在`, `No category ${categoryCode}`);
  }
  const unitIds = [...new Set(input.unitIds)];
  if (unitIds.length > 20) bad(400, 'unitIds', '涉及单位最多 20 个', 'at most 20 units');
  if (unitIds.length) {
    const found = (await q.query<{ id: number }>('select id from units where id = any($1::int[])', [unitIds])).rows.map((u) => u.id);
    const missing = unitIds.find((u) => !found.includes(u));
    if (missing !== undefined) bad(422, 'unitIds', `单位 ${missing} 不存在`, `No unit ${missing}`);
  }
  if (!keepsAll(actor)) {
    const outside = unitIds.find((u) => !actor.unitIds.includes(u));
    if (!unitIds.length) bad(400, 'unitIds', '请至少选择一个本单位', 'name at least one of your units');
    else if (outside !== undefined) bad(403, 'unitIds', '只能编写涉及本单位的知识', 'You may only write articles concerning your own units');
  }
  const fileIds: number[] = [];
  for (const pub of input.attachments ?? []) {
    const f = await q.query<{ id: string }>(
      `select f.id from files f where f.public_id = $1::uuid and f.order_id is null and (f.uploaded_by = $2 or exists (select 1 from kb_article_files af where af.file_id = f.id and af.article_id = $3))`,
      [pub, actor.userId, articleId ?? 0],
    );
    if (!f.rows[0]) bad(422, 'attachments', `附件 ${pub} 不存在或不是您上传的`, `Attachment ${pub} does not exist or was not uploaded by you`);
    else fileIds.push(Number(f.rows[0].id));
  }
  if (problems.length) return { checked: null, problems };
  return { checked: { title, body, categoryCode, unitIds, keywords, validFrom, validTo, fileIds }, problems };
}

/** The input checked; the first problem refused naming its field, nothing written. */
async function check(q: Queryable, actor: Actor, input: ArticleInput, articleId: number | null): Promise<Checked> {
  const { checked, problems } = await inspectArticle(q, actor, input, articleId);
  const p = problems[0];
  if (p?.status === 400) throw invalidField(p.field, p.zh, p.en);
  if (p?.status === 422) throw unprocessable(p.field, p.zh, p.en);
  if (p) throw new DomainError(403, 'forbidden', { zh: p.zh, en: p.en }, p.field);
  return checked!;
}

async function writeParts(tx: Queryable, id: number, c: Checked): Promise<void> {
  await tx.query('delete from kb_article_units where article_id = $1', [id]);
  if (c.unitIds.length) await tx.query('insert into kb_article_units (article_id, unit_id) select $1, unnest($2::int[])', [id, c.unitIds]);
  await tx.query('delete from kb_article_files where article_id = $1', [id]);
  if (c.fileIds.length) {
    await tx.query('insert into kb_article_files (article_id, file_id, position) select $1, f, o from unnest($2::bigint[]) with ordinality as t(f, o)', [id, c.fileIds]);
  }
}

type VersionEvent = 'created' | 'edited' | 'submitted' | 'published' | 'rejected';

/** A version row of the working copy as it is now (after the article's row was updated). */
async function addVersion(tx: Queryable, id: number, event: VersionEvent, changed: string[], note: string | null, actor: Actor, now: Date): Promise<number> {
  const r = await tx.query<{ version: number }>(
    `insert into kb_article_versions (article_id, version, event, title, body, category_code, keywords, unit_ids, file_ids, valid_from, valid_to, changed_fields, note, changed_by, changed_at)
     select a.id, a.version, $2, a.title, a.body, a.category_code, a.keywords,
            coalesce((select array_agg(unit_id order by unit_id) from kb_article_units where article_id = a.id), '{}'),
            coalesce((select array_agg(file_id order by position) from kb_article_files where article_id = a.id), '{}'),
            a.valid_from, a.valid_to, $3, $4, $5, $6
       from kb_articles a where a.id = $1
     returning version`,
    [id, event, changed, note, actor.userId, now],
  );
  return r.rows[0]!.version;
}

/** Writes a checked new article as a draft, version 1, in the caller's transaction; answers its id. */
export async function insertArticle(tx: Queryable, actor: Actor, c: Checked, note: string | null, now: Date): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `insert into kb_articles (title, body, category_code, keywords, valid_from, valid_to, state, version, created_by, created_at, updated_by, updated_at)
     values ($1, $2, $3, $4, $5::date, $6::date, 'draft', 1, $7, $8, $7, $8) returning id`,
    [c.title, c.body, c.categoryCode, c.keywords, c.validFrom, c.validTo, actor.userId, now],
  );
  const id = r.rows[0]!.id;
  await writeParts(tx, id, c);
  await addVersion(tx, id, 'created', ['title', 'body', 'categoryCode', 'unitIds', 'keywords', 'validFrom', 'validTo', 'attachments'], note, actor, now);
  return id;
}

/** 新建: a draft, version 1. */
export async function createArticle(db: Db, actor: Actor, input: ArticleInput, now: Date): Promise<ArticleView> {
  assertMay(actor, 'knowledge.edit');
  return db.transaction(async (tx) => {
    const c = await check(tx, actor, input, null);
    const id = await insertArticle(tx, actor, c, input.note?.trim() || null, now);
    return fullView(tx, actor, await visible(tx, actor, id, now));
  });
}

const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The working copy the actor may edit, its row locked; 404 when he does not keep it. */
export async function articleToEdit(tx: Queryable, actor: Actor, id: number, now: Date): Promise<{ version: number; title: string; body: string; category_code: string | null; keywords: string[]; valid_from: string | null; valid_to: string | null; fileIds: number[] }> {
  const cur = await visible(tx, actor, id, now, true);
  if (!cur.kept) throw notFound(WHAT);
  assertMay(actor, 'knowledge.edit');
  const files = (await tx.query<{ file_id: string }>('select file_id from kb_article_files where article_id = $1 order by position', [id])).rows.map((f) => Number(f.file_id));
  return { ...cur, fileIds: files };
}

/**
 * Writes a checked new version of the working copy (back to draft; a published version stays offered) in the
 * caller's transaction; answers the fields it changed — none: nothing written.
 */
export async function reviseArticle(tx: Queryable, actor: Actor, id: number, cur: { version: number; title: string; body: string; category_code: string | null; keywords: string[]; valid_from: string | null; valid_to: string | null }, c: Checked, note: string | null, now: Date): Promise<string[]> {
  const before = (await tx.query<{ unit_ids: number[]; file_ids: string[] }>('select unit_ids, file_ids from kb_article_versions where article_id = $1 and version = $2', [id, cur.version])).rows[0];
  const changed = [
    c.title !== cur.title && 'title',
    c.body !== cur.body && 'body',
    c.categoryCode !== cur.category_code && 'categoryCode',
    !same([...c.unitIds].sort((a, b) => a - b), before?.unit_ids ?? []) && 'unitIds',
    !same(c.keywords, cur.keywords) && 'keywords',
    c.validFrom !== cur.valid_from && 'validFrom',
    c.validTo !== cur.valid_to && 'validTo',
    !same(c.fileIds, (before?.file_ids ?? []).map(Number)) && 'attachments',
  ].filter((x): x is string => x !== false);
  if (!changed.length) return changed;
  await tx.query(
    `update kb_articles set title = $2, body = $3, category_code = $4, keywords = $5, valid_from = $6::date, valid_to = $7::date,
            state = 'draft', version = version + 1, reject_reason = null, updated_by = $8, updated_at = $9 where id = $1`,
    [id, c.title, c.body, c.categoryCode, c.keywords, c.validFrom, c.validTo, actor.userId, now],
  );
  await writeParts(tx, id, c);
  await addVersion(tx, id, 'edited', changed, note, actor, now);
  return changed;
}

/** 修改: a new version of the working copy, back to draft (a published version stays offered). */
export async function updateArticle(db: Db, actor: Actor, id: number, input: ArticleInput, now: Date): Promise<ArticleView> {
  assertMay(actor, 'knowledge.read');
  return db.transaction(async (tx) => {
    const cur = await articleToEdit(tx, actor, id, now);
    const c = await check(tx, actor, input, id);
    const changed = await reviseArticle(tx, actor, id, cur, c, input.note?.trim() || null, now);
    if (!changed.length) throw unprocessable(undefined, '内容没有变化', 'Nothing changed');
    return fullView(tx, actor, await visible(tx, actor, id, now));
  });
}

async function decide(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
  permission: 'knowledge.edit' | 'knowledge.review',
  from: readonly ArticleState[],
  apply: (tx: Queryable, cur: FullRow) => Promise<void>,
): Promise<ArticleView> {
  assertMay(actor, 'knowledge.read');
  return db.transaction(async (tx) => {
    const cur = await visible(tx, actor, id, now, true);
    if (!cur.kept) throw notFound(WHAT);
    assertMay(actor, permission);
    if (!from.includes(cur.state)) throw wrongState(`知识当前为「${cur.state}」状态，不能这样操作`, `The article is ${cur.state}; this does not apply`);
    await apply(tx, cur);
    return fullView(tx, actor, await visible(tx, actor, id, now));
  });
}

/** 提交审核: draft or rejected → pending. */
export function submitArticle(db: Db, actor: Actor, id: number, note: string | undefined, now: Date): Promise<ArticleView> {
  return decide(db, actor, id, now, 'knowledge.edit', ['draft', 'rejected'], async (tx) => {
    await tx.query(`update kb_articles set state = 'pending', version = version + 1, submitted_at = $2, updated_by = $3, updated_at = $2 where id = $1`, [id, now, actor.userId]);
    await addVersion(tx, id, 'submitted', [], note?.trim() || null, actor, now);
  });
}

/** 审核通过: pending → published; this version becomes the one offered, its terms indexed. */
export function publishArticle(db: Db, actor: Actor, id: number, note: string | undefined, now: Date): Promise<ArticleView> {
  return decide(db, actor, id, now, 'knowledge.review', ['pending'], async (tx, cur) => {
    assertMayPublishWritten(actor, cur.written_by, await readKnowledgeSettings(tx));
    await tx.query(`update kb_articles set state = 'published', version = version + 1, reviewed_by = $3, reviewed_at = $2, published_at = $2 where id = $1`, [id, now, actor.userId]);
    const v = await addVersion(tx, id, 'published', [], note?.trim() || null, actor, now);
    await tx.query('update kb_articles set published_version = $2 where id = $1', [id, v]);
    await indexPublished(tx, id);
  });
}

/** 审核退回: pending → rejected with the reviewer's reason. */
export async function rejectArticle(db: Db, actor: Actor, id: number, reason: string, now: Date): Promise<ArticleView> {
  const why = reason.trim();
  if (!why) throw invalidField('reason', '请填写退回原因', 'give the reason');
  return decide(db, actor, id, now, 'knowledge.review', ['pending'], async (tx) => {
    await tx.query(`update kb_articles set state = 'rejected', version = version + 1, reject_reason = $4, reviewed_by = $3, reviewed_at = $2 where id = $1`, [id, now, actor.userId, why]);
    await addVersion(tx, id, 'rejected', [], why, actor, now);
  });
}

/** 下架: the published version is no longer offered (the working copy stays; published → draft). */
export function withdrawArticle(db: Db, actor: Actor, id: number, now: Date): Promise<ArticleView> {
  return decide(db, actor, id, now, 'knowledge.review', ['draft', 'pending', 'published', 'rejected'], async (tx, cur) => {
    if (cur.published_version == null) throw wrongState('知识未发布', 'The article is not published');
    await tx.query(`update kb_articles set published_version = null, published_at = null, state = case when state = 'published' then 'draft' else state end where id = $1`, [id]);
    await unindex(tx, id);
  });
}

export async function articleVersions(q: Queryable, actor: Actor, id: number, now: Date): Promise<ArticleVersionView[]> {
  assertMay(actor, 'knowledge.read');
  const cur = await visible(q, actor, id, now);
  if (!cur.kept) throw notFound(WHAT);
  const r = await q.query<{
    version: number;
    event: ArticleVersionView['event'];
    title: string;
    body: string;
    category_code: string | null;
    keywords: string[];
    unit_ids: number[];
    valid_from: string | null;
    valid_to: string | null;
    changed_fields: string[];
    note: string | null;
    changed_at: Date;
    changed_by: number | null;
    by_name: string | null;
  }>(
    `select v.version, v.event, v.title, v.body, v.category_code, v.keywords, v.unit_ids, to_char(v.valid_from, 'YYYY-MM-DD') as valid_from,
            to_char(v.valid_to, 'YYYY-MM-DD') as valid_to, v.changed_fields, v.note, v.changed_at, v.changed_by, u.display_name as by_name
       from kb_article_versions v left join users u on u.id = v.changed_by where v.article_id = $1 order by v.version desc`,
    [id],
  );
  return r.rows.map((v) => ({
    version: v.version,
    event: v.event,
    title: v.title,
    body: v.body,
    categoryCode: v.category_code,
    keywords: v.keywords,
    unitIds: v.unit_ids,
    validFrom: v.valid_from,
    validTo: v.valid_to,
    changedFields: v.changed_fields,
    note: v.note,
    changedAt: v.changed_at.toISOString(),
    changedBy: v.changed_by != null ? { id: v.changed_by, name: v.by_name ?? '' } : null,
  }));
}
