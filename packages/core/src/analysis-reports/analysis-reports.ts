/**
 * 研判报告: generating a report (the figures gathered through the statistics reads, the words composed, the .docx and
 * HTML rendered and stored as files, the row written), listing and reading them within the reader's scope.
 */
import type { Db, Queryable } from '@liandong/db';
import type { AnalysisReportPage, AnalysisReportView, GenerateReportInput } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { periodOf, type Period } from '../assessment/periods.rules.ts';
import type { FileStore } from '../files/file-store.ts';
import { generatedFileBytes, storeGeneratedFile } from '../files/generated-files.ts';
import { notFound } from '../shared/errors.ts';
import { pageWindow } from '../shared/paging.ts';
import { buildAnalysisContent } from './report-content.ts';
import { gatherReportData } from './report-data.ts';
import { renderAnalysisDocx, renderAnalysisHtml } from './render.ts';
import { assertCoversScope, reportScope, reportScopeSql, type ReportScope } from './report-scope.ts';

const WHAT = { zh: '研判报告', en: 'Analysis report' };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

interface Row {
  id: string;
  title: string;
  scope_code: string;
  scope_name: string;
  scope_level: 'district' | 'town';
  period_kind: AnalysisReportView['period']['kind'];
  first_day: string;
  last_day: string;
  figures: AnalysisReportView['figures'];
  generated_at: Date;
  by_id: number | null;
  by_name: string | null;
  docx_file_id: string;
  html_file_id: string;
  district_code: string;
}

const SELECT = `select r.id, r.title, r.scope_code, d.name as scope_name, r.scope_level, r.period_kind, r.first_day::text, r.last_day::text,
       r.figures, r.generated_at, u.id as by_id, u.display_name as by_name, r.docx_file_id, r.html_file_id, r.district_code
  from analysis_reports r join divisions d on d.code = r.scope_code left join users u on u.id = r.generated_by`;

function view(r: Row): AnalysisReportView {
  return {
    id: Number(r.id),
    title: r.title,
    scope: { code: r.scope_code, name: r.scope_name, level: r.scope_level },
    period: { kind: r.period_kind, firstDay: r.first_day, lastDay: r.last_day },
    figures: r.figures,
    generatedAt: r.generated_at.toISOString(),
    generatedBy: r.by_id != null ? { id: r.by_id, name: r.by_name ?? '' } : null,
    docxUrl: `/api/v1/analysis-reports/${r.id}/docx`,
    htmlUrl: `/api/v1/analysis-reports/${r.id}/html`,
  };
}

/** The report's number: 联动研判〔year〕第N号, N counting the year's reports so far. */
async function reportNo(q: Queryable, now: Date): Promise<string> {
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const n = (await q.query<{ n: number }>(`select count(*)::int as n from analysis_reports where generated_at >= $1`, [new Date(`${year}-01-01T00:00:00+08:00`)])).rows[0]!.n;
  return `联动研判〔${year}〕第${n + 1}号`;
}

export interface PreparedReport {
  scope: ReportScope;
  period: Period;
  title: string;
  figures: AnalysisReportView['figures'];
  files: { name: string; contentType: string; data: Buffer }[];
}

/**
 * A report made, not yet stored: the figures read through the statistics reads (which fold and read on their own
 * connection, so this runs outside any transaction), the words composed, the .docx and the HTML page rendered.
 */
export async function prepareReport(db: Db, scope: ReportScope, period: Period, now: Date): Promise<PreparedReport> {
  const data = await gatherReportData(db, scope, period, now);
  const content = await buildAnalysisContent(data, await reportNo(db, now));
  const base = `研判报告-${scope.name}-${period.firstDay}至${period.lastDay}`;
  const f = data.headline.figures;
  return {
    scope,
    period,
    title: content.title,
    figures: { received: f.received, overdue: f.overdue, completionRate: f.completionRate, onTimeRate: f.onTimeRate, satisfactionRate: f.satisfactionRate, directCloseRate: f.directCloseRate },
    files: [
      { name: `${base}.docx`, contentType: DOCX, data: await renderAnalysisDocx(content) },
      { name: `${base}.html`, contentType: 'text/html; charset=utf-8', data: Buffer.from(renderAnalysisHtml(content), 'utf8') },
    ],
  };
}

/**
 * Stores a prepared report's files and its row; `by` is who asked (null: the monthly schedule). Null when the
 * month's scheduled report exists already: a scheduled one first takes a lock on its area and month and looks, so
 * of two processes making it at once the second stores nothing — no bytes left in a folder or bucket by a
 * transaction that rolls back (the unique index stays the last word).
 */
export async function insertReport(tx: Queryable, store: FileStore, p: PreparedReport, by: number | null, now: Date): Promise<number | null> {
  if (by === null && p.period.kind === 'month') {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`analysis-report:${p.scope.code}:${p.period.firstDay}`]);
    const made = await tx.query(
      `select 1 from analysis_reports where scope_code = $1 and first_day = $2::date and generated_by is null and period_kind = 'month'`,
      [p.scope.code, p.period.firstDay],
    );
    if (made.rows.length) return null;
  }
  const [docxId, htmlId] = [await storeGeneratedFile(tx, store, p.files[0]!, now), await storeGeneratedFile(tx, store, p.files[1]!, now)];
  const r = await tx.query<{ id: string }>(
    `insert into analysis_reports (scope_code, scope_level, district_code, period_kind, first_day, last_day, title, figures, docx_file_id, html_file_id, generated_by, generated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)
     on conflict (scope_code, first_day) where generated_by is null and period_kind = 'month' do nothing returning id`,
    [p.scope.code, p.scope.level, p.scope.districtCode, p.period.kind, p.period.firstDay, p.period.lastDay, p.title, JSON.stringify(p.figures), docxId, htmlId, by, now],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

export async function generateReport(db: Db, store: FileStore, actor: Actor, input: GenerateReportInput, now: Date): Promise<AnalysisReportView> {
  assertMay(actor, 'reports.generate');
  const period = periodOf(input, now);
  const scope = await reportScope(db, input.scope);
  assertCoversScope(actor, scope);
  const prepared = await prepareReport(db, scope, period, now);
  const id = await db.transaction((tx) => insertReport(tx, store, prepared, actor.userId, now));
  return getReport(db, actor, id!);
}

export async function listReports(q: Queryable, actor: Actor, f: { scope?: string; page?: number; pageSize?: number }): Promise<AnalysisReportPage> {
  assertMay(actor, 'reports.view');
  const params: unknown[] = [];
  const where = [reportScopeSql(actor, params)];
  if (f.scope) where.push(`r.scope_code = $${params.push(f.scope)}`);
  const w = where.join(' and ');
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from analysis_reports r where ${w}`, params)).rows[0]!.n;
  const win = pageWindow(f, params);
  const rows = (await q.query<Row>(`${SELECT} where ${w} order by r.generated_at desc, r.id desc ${win.sql}`, params)).rows;
  return { total, page: win.page, pageSize: win.pageSize, items: rows.map(view) };
}

async function visible(q: Queryable, actor: Actor, id: number): Promise<Row> {
  assertMay(actor, 'reports.view');
  const params: unknown[] = [id];
  const r = (await q.query<Row>(`${SELECT} where r.id = $1 and ${reportScopeSql(actor, params)}`, params)).rows[0];
  if (!r) throw notFound(WHAT);
  return r;
}

export async function getReport(q: Queryable, actor: Actor, id: number): Promise<AnalysisReportView> {
  return view(await visible(q, actor, id));
}

export async function reportFile(q: Queryable, store: FileStore, actor: Actor, id: number, form: 'docx' | 'html') {
  const r = await visible(q, actor, id);
  return generatedFileBytes(q, store, Number(form === 'docx' ? r.docx_file_id : r.html_file_id));
}
