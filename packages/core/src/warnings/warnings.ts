/**
 * Reading and handling warnings (预警): the list in the reader's scope with its filters, the summary dashboards
 * and the big screen show (open warnings by kind, the newest), one warning, the orders behind it, acknowledging
 * and resolving; the rules as administrators keep them, and a run on demand.
 *
 * Scope, as orders have it: a warning is seen by those whose areas hold its district, town or village, and by the
 * units it is about (an order's unit at risk, a unit's backlog); administrators see all. A warning out of scope is
 * a 404, as an order is.
 */
import type { Db, Queryable } from '@liandong/db';
import {
  WARNING_KIND_LABELS,
  WARNING_KINDS,
  type Lang,
  type OrderPage,
  type RuleParams,
  type Step,
  type WarningAction,
  type WarningKind,
  type WarningPage,
  type WarningRuleView,
  type WarningRun,
  type WarningState,
  type WarningSummary,
  type WarningView,
} from '@liandong/contracts';
import type { WorkingCalendar } from '../calendar/index.ts';
import type { Actor } from '../org/actor.ts';
import { assertMay, may } from '../org/permissions.rules.ts';
import { maskPhone, seesReporterIdentity } from '../org/personal-data.ts';
import { orderScopeSql, seesAll } from '../orders/order-scope.ts';
import { toListItems, VIEW_SELECT, type ViewRow } from '../orders/order-view.ts';
import type { ClockReading } from '../orders/deadline-view.ts';
import { invalidField, notFound, wrongState } from '../shared/errors.ts';
import { cappedTotal, countUpTo, pageWindow } from '../shared/paging.ts';
import { mergeParams, paramsOf } from './rule-params.rules.ts';
import { LAST_RUN_KEY, runWarnings } from './run-warnings.ts';

const WHAT = { zh: '预警', en: 'Warning' };

interface WarningRow {
  id: string;
  kind: WarningKind;
  rule_code: string;
  rule_zh: string;
  rule_en: string;
  state: WarningState;
  area_level: 'district' | 'town' | 'village' | null;
  area_code: string | null;
  area_name: string | null;
  town_code: string | null;
  town_name: string | null;
  category_code: string | null;
  category_name: string | null;
  phone: string | null;
  lng: number | null;
  lat: number | null;
  order_id: string | null;
  order_code: string | null;
  step: Step | null;
  unit_id: number | null;
  unit_name: string | null;
  observed: string;
  expected: string | null;
  threshold: string;
  p_value: number | null;
  window_from: Date;
  window_to: Date;
  title_zh: string;
  title_en: string;
  explanation_zh: string;
  explanation_en: string;
  order_count: number;
  raised_at: Date;
  acknowledged_at: Date | null;
  ack_id: number | null;
  ack_name: string | null;
  resolved_at: Date | null;
  res_id: number | null;
  res_name: string | null;
  resolution_note: string | null;
}

const SELECT = `
  select w.id, w.kind, w.rule_code, r.name_zh as rule_zh, r.name_en as rule_en, w.state, w.area_level,
         case w.area_level when 'village' then w.village_code when 'town' then w.town_code when 'district' then w.district_code end as area_code,
         a.name as area_name, w.town_code, t.name as town_name, w.category_code, c.name as category_name, w.phone, w.lng, w.lat,
         w.order_id, o.code as order_code, w.step, w.unit_id, u.name as unit_name, w.observed, w.expected, w.threshold, w.p_value,
         w.window_from, w.window_to, w.title_zh, w.title_en, w.explanation_zh, w.explanation_en, cardinality(w.order_ids) as order_count,
         w.raised_at, w.acknowledged_at, w.acknowledged_by as ack_id, ak.display_name as ack_name,
         w.resolved_at, w.resolved_by as res_id, rs.display_name as res_name, w.resolution_note
    from warnings w
    join warning_rules r on r.code = w.rule_code
    left join divisions a on a.code = case w.area_level when 'village' then w.village_code when 'town' then w.town_code when 'district' then w.district_code end
    left join divisions t on t.code = w.town_code
    left join categories c on c.code = w.category_code
    left join orders o on o.id = w.order_id
    left join units u on u.id = w.unit_id
    left join users ak on ak.id = w.acknowledged_by
    left join users rs on rs.id = w.resolved_by`;

/** The SQL of "the actor sees this warning", for alias `w`; appends its parameters. */
export function warningScopeSql(actor: Actor, params: unknown[]): string {
  if (seesAll(actor)) return 'true';
  params.push(actor.areaCodes, actor.unitIds);
  const a = `$${params.length - 1}`;
  const u = `$${params.length}`;
  return `(w.district_code = any(${a}::text[]) or w.town_code = any(${a}::text[]) or w.village_code = any(${a}::text[]) or w.unit_id = any(${u}::int[]))`;
}

function allowed(actor: Actor, state: WarningState): WarningAction[] {
  if (!may(actor, 'warnings.handle')) return [];
  return state === 'new' ? ['acknowledge', 'resolve'] : state === 'acknowledged' ? ['resolve'] : [];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const n = (x: string | number | null) => (x == null ? null : Number(x));

export function warningView(w: WarningRow, actor: Actor, lang: Lang): WarningView {
  const zh = lang === 'zh';
  return {
    id: Number(w.id),
    kind: w.kind,
    rule: { code: w.rule_code, name: zh ? w.rule_zh : w.rule_en },
    state: w.state,
    title: zh ? w.title_zh : w.title_en,
    explanation: zh ? w.explanation_zh : w.explanation_en,
    subject: {
      areaLevel: w.area_level,
      area: w.area_code ? { code: w.area_code, name: w.area_name } : null,
      town: w.town_code ? { code: w.town_code, name: w.town_name } : null,
      category: w.category_code ? { code: w.category_code, name: w.category_name } : null,
      phone: w.phone ? (seesReporterIdentity(actor) ? w.phone : maskPhone(w.phone)) : null,
      place: w.lng != null && w.lat != null ? { lng: w.lng, lat: w.lat } : null,
      order: w.order_id && w.order_code ? { id: Number(w.order_id), code: w.order_code } : null,
      step: w.step,
      unit: w.unit_id != null ? { id: w.unit_id, name: w.unit_name ?? String(w.unit_id) } : null,
    },
    figures: {
      observed: Number(w.observed),
      expected: n(w.expected),
      threshold: Number(w.threshold),
      pValue: w.p_value,
      windowFrom: w.window_from.toISOString(),
      windowTo: w.window_to.toISOString(),
    },
    orderCount: w.order_count,
    raisedAt: w.raised_at.toISOString(),
    acknowledgedAt: iso(w.acknowledged_at),
    acknowledgedBy: w.ack_id != null ? { id: w.ack_id, name: w.ack_name ?? '' } : null,
    resolvedAt: iso(w.resolved_at),
    resolvedBy: w.res_id != null ? { id: w.res_id, name: w.res_name ?? '' } : null,
    resolutionNote: w.resolution_note,
    allowedActions: allowed(actor, w.state),
  };
}

export interface WarningFilter {
  state?: WarningState | 'open';
  kind?: WarningKind;
  area?: string;
  unitId?: number;
  since?: string;
  page?: number;
  pageSize?: number;
}

export async function listWarnings(q: Queryable, actor: Actor, f: WarningFilter, lang: Lang): Promise<WarningPage> {
  assertMay(actor, 'warnings.view');
  const params: unknown[] = [];
  const where = [warningScopeSql(actor, params)];
  if (f.state === 'open') where.push(`w.state <> 'resolved'`);
  else if (f.state) where.push(`w.state = $${params.push(f.state)}`);
  if (f.kind) where.push(`w.kind = $${params.push(f.kind)}`);
  if (f.area) {
    const p = params.push(f.area);
    where.push(`(w.district_code = $${p} or w.town_code = $${p} or w.village_code = $${p})`);
  }
  if (f.unitId) where.push(`w.unit_id = $${params.push(f.unitId)}`);
  if (f.since) where.push(`w.raised_at >= $${params.push(new Date(f.since))}::timestamptz`);
  const whereSql = where.join(' and ');
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from warnings w where ${whereSql}`, params)).rows[0]!.n;
  const win = pageWindow(f, params);
  const rows = await q.query<WarningRow>(`${SELECT} where ${whereSql} order by w.raised_at desc, w.id desc ${win.sql}`, params);
  return { total, page: win.page, pageSize: win.pageSize, items: rows.rows.map((w) => warningView(w, actor, lang)) };
}

/** What dashboards and the big screen show: open warnings in scope by kind, and the newest open ones. */
export async function warningSummary(q: Queryable, actor: Actor, lang: Lang, newest = 5): Promise<WarningSummary> {
  assertMay(actor, 'warnings.view');
  const params: unknown[] = [];
  const scope = warningScopeSql(actor, params);
  const counts = await q.query<{ kind: WarningKind; open: number; new: number }>(
    `select w.kind, count(*)::int as open, (count(*) filter (where w.state = 'new'))::int as new
       from warnings w where w.state <> 'resolved' and ${scope} group by w.kind`,
    params,
  );
  const byKind = WARNING_KINDS.map((kind) => {
    const c = counts.rows.find((r) => r.kind === kind);
    return { kind, label: WARNING_KIND_LABELS[kind][lang], open: c?.open ?? 0, new: c?.new ?? 0 };
  });
  const rows = await q.query<WarningRow>(`${SELECT} where w.state <> 'resolved' and ${scope} order by w.raised_at desc, w.id desc limit ${Math.max(1, Math.min(20, newest))}`, params);
  const last = await q.query<{ value: { at?: string } }>('select value from settings where key = $1', [LAST_RUN_KEY]);
  return {
    open: byKind.reduce((s, k) => s + k.open, 0),
    new: byKind.reduce((s, k) => s + k.new, 0),
    byKind,
    newest: rows.rows.map((w) => warningView(w, actor, lang)),
    lastRunAt: last.rows[0]?.value.at ?? null,
  };
}

async function visibleRow(q: Queryable, actor: Actor, id: number, lock = false): Promise<WarningRow> {
  const params: unknown[] = [id];
  const scope = warningScopeSql(actor, params);
  if (lock) {
    const l = await q.query('select 1 from warnings w where w.id = $1 and ' + scope + ' for update', params);
    if (!l.rows.length) throw notFound(WHAT);
  }
  const r = await q.query<WarningRow>(`${SELECT} where w.id = $1 and ${scope}`, params);
  if (!r.rows[0]) throw notFound(WHAT);
  return r.rows[0];
}

export async function getWarning(q: Queryable, actor: Actor, id: number, lang: Lang): Promise<WarningView> {
  assertMay(actor, 'warnings.view');
  return warningView(await visibleRow(q, actor, id), actor, lang);
}

/** The orders behind a warning that the reader may see, newest first. */
export async function warningOrders(q: Queryable, actor: Actor, id: number, page: { page?: number; pageSize?: number }, lang: Lang, clock: ClockReading): Promise<OrderPage> {
  assertMay(actor, 'warnings.view');
  await visibleRow(q, actor, id);
  const params: unknown[] = [id];
  const fromWhere = `from orders o where o.id = any(array(select unnest(order_ids) from warnings where id = $1)) and ${orderScopeSql(actor, params)}`;
  const total = await countUpTo(q, fromWhere, params);
  const w = pageWindow(page, params);
  const ids = (await q.query<{ id: string }>(`select o.id ${fromWhere} order by o.created_at desc, o.id desc ${w.sql}`, params)).rows.map((r) => Number(r.id));
  const rows = ids.length ? (await q.query<ViewRow>(`${VIEW_SELECT} where o.id = any($1::bigint[]) order by o.created_at desc, o.id desc`, [ids])).rows : [];
  return { ...cappedTotal(total), page: w.page, pageSize: w.pageSize, items: await toListItems(q, rows, actor, lang, clock) };
}

/** 确认: someone is on it (new → acknowledged). */
export async function acknowledgeWarning(db: Db, actor: Actor, id: number, lang: Lang, now: Date): Promise<WarningView> {
  assertMay(actor, 'warnings.view');
  return db.transaction(async (tx) => {
    const w = await visibleRow(tx, actor, id, true);
    assertMay(actor, 'warnings.handle');
    if (w.state !== 'new') throw wrongState(`预警已${w.state === 'acknowledged' ? '确认' : '解除'}`, `The warning is already ${w.state}`);
    await tx.query(`update warnings set state = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3 where id = $1`, [id, now, actor.userId]);
    return warningView(await visibleRow(tx, actor, id), actor, lang);
  });
}

/** 解除: resolved with a note (from new or acknowledged; an unacknowledged one counts as acknowledged then too). */
export async function resolveWarning(db: Db, actor: Actor, id: number, note: string, lang: Lang, now: Date): Promise<WarningView> {
  assertMay(actor, 'warnings.view');
  if (note.trim() === '') throw invalidField('note', '请填写处置情况', 'say what was done, or why nothing needs to be');
  return db.transaction(async (tx) => {
    const w = await visibleRow(tx, actor, id, true);
    assertMay(actor, 'warnings.handle');
    if (w.state === 'resolved') throw wrongState('预警已解除', 'The warning is already resolved');
    await tx.query(
      `update warnings set state = 'resolved', resolved_at = $2, resolved_by = $3, resolution_note = $4,
              acknowledged_at = coalesce(acknowledged_at, $2), acknowledged_by = coalesce(acknowledged_by, $3)
        where id = $1`,
      [id, now, actor.userId, note.trim()],
    );
    return warningView(await visibleRow(tx, actor, id), actor, lang);
  });
}

interface RuleRow {
  code: string;
  kind: WarningKind;
  enabled: boolean;
  params: unknown;
  name_zh: string;
  name_en: string;
  updated_at: Date;
  updated_by: number | null;
  by_name: string | null;
}

function ruleView(r: RuleRow, lang: Lang): WarningRuleView {
  return {
    code: r.code,
    kind: r.kind,
    name: lang === 'zh' ? r.name_zh : r.name_en,
    enabled: r.enabled,
    params: paramsOf(r.kind, r.params) as WarningRuleView['params'],
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by != null ? { id: r.updated_by, name: r.by_name ?? '' } : null,
  };
}

const RULE_SELECT = 'select r.*, u.display_name as by_name from warning_rules r left join users u on u.id = r.updated_by';

export async function listWarningRules(q: Queryable, actor: Actor, lang: Lang): Promise<WarningRuleView[]> {
  assertMay(actor, 'warnings.rules');
  const r = await q.query<RuleRow>(`${RULE_SELECT} order by array_position(array['spike', 'repeat_caller', 'repeat_place', 'at_risk', 'backlog'], r.kind), r.code`);
  return r.rows.map((x) => ruleView(x, lang));
}

export async function updateWarningRule(db: Db, actor: Actor, code: string, change: { enabled?: boolean; params?: RuleParams }, lang: Lang, now: Date): Promise<WarningRuleView> {
  assertMay(actor, 'warnings.rules');
  return db.transaction(async (tx) => {
    const cur = (await tx.query<RuleRow>(`${RULE_SELECT} where r.code = $1 for update of r`, [code])).rows[0];
    if (!cur) throw notFound({ zh: '预警规则', en: 'Warning rule' });
    const params = change.params ? mergeParams(cur.kind, paramsOf(cur.kind, cur.params), change.params) : paramsOf(cur.kind, cur.params);
    await tx.query('update warning_rules set enabled = $2, params = $3::jsonb, updated_at = $4, updated_by = $5 where code = $1', [
      code,
      change.enabled ?? cur.enabled,
      JSON.stringify(params),
      now,
      actor.userId,
    ]);
    return ruleView((await tx.query<RuleRow>(`${RULE_SELECT} where r.code = $1`, [code])).rows[0]!, lang);
  });
}

/** 立即研判: every enabled rule now (administrators, for demos); the timer runs them every 15 minutes anyway. */
export async function runWarningsNow(db: Db, actor: Actor, now: Date, calendar: (q: Queryable) => Promise<WorkingCalendar>): Promise<WarningRun> {
  assertMay(actor, 'warnings.rules');
  return db.transaction(async (tx) => runWarnings(tx, now, await calendar(tx)));
}
