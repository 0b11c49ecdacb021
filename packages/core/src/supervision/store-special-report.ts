/**
 * Assembles the special report (专报) of an order from the database — names, masked reporter, step clocks
 * with their lateness in working terms, the timeline and the supervisions so far — renders it as .docx and
 * HTML, and keeps both as files linked to the supervision.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';
import { maskName, maskPhone } from '../org/personal-data.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { ACTION_LABELS, STEP_LABELS } from '../orders/labels.ts';
import {
  formatLimit,
  formatOverdue,
  renderSpecialReportDocx,
  renderSpecialReportHtml,
  type SpecialReportDeadline,
  type SpecialReportInput,
} from './special-report/index.ts';

const NATURAL = new Set<TimeUnit>(['urgent_hours', 'natural_days']);

/** How late `end` is against `due`, in the unit's own terms ('超时 2 工作日 3 小时'); null when in time. */
export function overdueText(due: Date, end: Date, unit: TimeUnit, calendar: WorkingCalendar): string | null {
  if (end <= due) return null;
  if (NATURAL.has(unit)) return formatOverdue((end.getTime() - due.getTime()) / 60_000, 24 * 60);
  return formatOverdue(calendar.elapsed(due, end, 'working_hours') * 60, calendar.hoursPerWorkday * 60);
}

async function buildInput(q: Queryable, calendar: WorkingCalendar, orderId: number, now: Date): Promise<SpecialReportInput> {
  const o = (
    await q.query<Record<string, any>>(
      `select o.*, ch.name_zh as channel_zh, n.name_zh as nature_zh, c.name as category_name, u.name_zh as urgency_zh,
              dt.name as town_name, dv.name as village_name, g.name as grid_name, du.name as dispatch_name, hu.name as handler_name,
              (select r.name from order_reporters r where r.order_id = o.id order by r.id limit 1) as reporter_name,
              (select r.phone from order_reporters r where r.order_id = o.id order by r.id limit 1) as reporter_phone,
              (select r.anonymous from order_reporters r where r.order_id = o.id order by r.id limit 1) as reporter_anonymous
         from orders o join channels ch on ch.code = o.channel join natures n on n.code = o.nature join urgencies u on u.code = o.urgency
         left join categories c on c.code = o.category_code left join divisions dt on dt.code = o.town_code
         left join divisions dv on dv.code = o.village_code left join grids g on g.code = o.grid_code
         left join units du on du.id = o.dispatch_unit_id left join units hu on hu.id = o.handler_unit_id
        where o.id = $1`,
      [orderId],
    )
  ).rows[0]!;
  const rows = (
    await q.query<{ step: Step; due_at: Date; done_at: Date | null; limit_value: number; limit_unit: TimeUnit }>(
      'select step, due_at, done_at, limit_value, limit_unit from order_deadlines where order_id = $1 order by started_at, step',
      [orderId],
    )
  ).rows;
  const clockEnd = o.suspended_at ?? now;
  const deadlines: SpecialReportDeadline[] = rows.map((d) => ({
    step: STEP_LABELS[d.step].zh,
    limit: formatLimit(d.limit_value, d.limit_unit),
    dueAt: d.due_at,
    doneAt: d.done_at,
    overdueText: overdueText(d.due_at, d.done_at ?? clockEnd, d.limit_unit, calendar),
  }));
  const late = rows.filter((d) => !d.done_at && d.due_at < clockEnd).sort((a, b) => a.due_at.getTime() - b.due_at.getTime())[0];
  const events = (
    await q.query<{ at: Date; action: string; note: string | null; actor: string | null; unit: string | null }>(
      `select e.at, e.action, e.note, u.display_name as actor, un.name as unit from order_events e
         left join users u on u.id = e.actor_user_id left join units un on un.id = e.actor_unit_id where e.order_id = $1 order by e.id`,
      [orderId],
    )
  ).rows;
  const sups = (
    await q.query<{ level: number; level_name: string; raised_at: Date; by: string | null; note: string | null }>(
      `select s.level, l.name_zh as level_name, s.raised_at, u.display_name as by, s.note from supervisions s
         join supervision_levels l on l.level = s.level left join users u on u.id = s.raised_by
        where s.order_id = $1 order by s.id`,
      [orderId],
    )
  ).rows;
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const seq = (await q.query<{ n: number }>(`select count(*)::int as n from supervisions where level in (select level from supervision_levels where produces_report) and raised_at >= $1`, [new Date(`${year}-01-01T00:00:00+08:00`)])).rows[0]!.n;
  const hidden = o.confidential || o.reporter_anonymous;
  return {
    reportNo: `联动专报〔${year}〕第${Math.max(1, seq)}号`,
    issuedAt: now,
    issuer: o.dispatch_name ?? '社会综合治理网格化联动指挥中心',
    addressee: '区委、区政府领导：',
    order: {
      code: o.code,
      summary: o.category_name ?? null,
      description: o.description,
      address: o.address,
      channel: o.channel_zh,
      nature: o.nature_zh,
      category: o.category_name,
      urgency: o.urgency_zh,
      town: o.town_name,
      village: o.village_name,
      grid: o.grid_name,
      reporter: o.reporter_name || o.reporter_phone ? (hidden ? null : { name: maskName(o.reporter_name), phone: maskPhone(o.reporter_phone) }) : null,
      createdAt: o.created_at,
    },
    dispatchUnit: o.dispatch_name ?? '',
    handlerUnit: o.handler_name,
    deadlines,
    lateness: late
      ? { step: STEP_LABELS[late.step].zh, dueAt: late.due_at, overdueText: overdueText(late.due_at, clockEnd, late.limit_unit, calendar)!, asOf: clockEnd }
      : null,
    timeline: events.map((e) => ({ at: e.at, actor: e.actor, unit: e.unit, action: ACTION_LABELS[e.action]?.zh ?? e.action, note: e.note })),
    supervisions: sups.map((s) => ({ level: s.level, levelName: s.level_name, at: s.raised_at, by: s.by ?? '系统', note: s.note })),
    request: '妥否，请领导批示。',
  };
}

/** The report's files belong to the order from the start: whoever may see the order may open them. */
async function storeFile(q: Queryable, orderId: number, name: string, contentType: string, data: Buffer): Promise<number> {
  const r = await q.query<{ id: number }>(
    'insert into files (name, content_type, size, sha256, data, order_id) values ($1, $2, $3, $4, $5, $6) returning id',
    [name, contentType, data.length, createHash('sha256').update(data).digest('hex'), data, orderId],
  );
  return r.rows[0]!.id;
}

export async function storeSpecialReport(
  q: Queryable,
  services: OrderServices,
  orderId: number,
  supervisionId: number,
  now: Date,
): Promise<{ docxId: number; htmlId: number }> {
  const input = await buildInput(q, await services.calendar(q), orderId, now);
  const docx = await renderSpecialReportDocx(input);
  const html = Buffer.from(renderSpecialReportHtml(input), 'utf8');
  const base = `专报-${input.order.code}`;
  const docxId = await storeFile(q, orderId, `${base}.docx`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx);
  const htmlId = await storeFile(q, orderId, `${base}.html`, 'text/html; charset=utf-8', html);
  await q.query('update supervisions set report_docx_id = $2, report_html_id = $3 where id = $1', [supervisionId, docxId, htmlId]);
  return { docxId, htmlId };
}
