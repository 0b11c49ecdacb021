/**
 * What the API shows of an order: names beside codes, labels in the reader's language, reporters
 * masked by role, the step clocks, and (in the detail) the timeline.
 */
import type { Queryable } from '@liandong/db';
import { ACTION_LABELS, type EventData, type Lang as WireLang, type OrderDetail, type OrderListItem, type OrderView, type ReporterView, type TimelineAction, type TimelineEvent } from '@liandong/contracts';
import { hasRole, type Actor } from '../org/actor.ts';
import { maskName, maskPhone, reporterShown } from '../org/personal-data.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { iso, isoOrNull } from '../shared/wire.ts';
import { allowedActions } from './order-scope.ts';
import type { DeadlineRow, OrderRow } from './order.types.ts';
import { coParts, coUnitIdsSql, listDeadlines } from './order.repository.ts';
import { mayRevealPhone } from './reveal-phone.ts';
import type { PreparedOrder } from './intake/prepare-order.ts';
import { toDeadlineView, worstLight, type ClockReading } from './deadline-view.ts';
import type { IntakeReference } from './intake/reference-cache.ts';

export type Lang = WireLang;

/** The order with the names and labels a view shows, for an `orders` alias `o`. */
export const VIEW_SELECT = `
  select o.*, st.type as state_type, st.label_zh as state_zh, st.label_en as state_en,
    g.name as grid_name, dv.name as village_name, dt.name as town_name, dd.name as district_name,
    c.name as category_name, c.name_en as category_name_en, cc.code as condition_code, cc.description as condition_description,
    du.name as dispatch_unit_name, hu.name as handler_unit_name,
    ch.name_zh as channel_zh, ch.name_en as channel_en, n.name_zh as nature_zh, n.name_en as nature_en,
    ${coUnitIdsSql('o')}
  from orders o
  join order_states st on st.code = o.state
  join channels ch on ch.code = o.channel
  join natures n on n.code = o.nature
  left join grids g on g.code = o.grid_code
  left join divisions dv on dv.code = o.village_code
  left join divisions dt on dt.code = o.town_code
  left join divisions dd on dd.code = o.district_code
  left join categories c on c.code = o.category_code
  left join category_conditions cc on cc.id = o.condition_id
  left join units du on du.id = o.dispatch_unit_id
  left join units hu on hu.id = o.handler_unit_id`;

export type ViewRow = OrderRow & Record<string, string | null>;

const named = (code: string | null, name: string | null) => (code ? { code, name } : null);
const unit = (id: number | null, name: string | null) => (id ? { id, name } : null);

type Summary = Omit<OrderListItem, 'light'>;

export function toOrderSummary(r: ViewRow, lang: Lang, actor: Actor): Summary {
  return {
    id: r.id,
    code: r.code,
    state: { code: r.state, type: r.state_type as Summary['state']['type'], label: (lang === 'zh' ? r.state_zh : r.state_en)! },
    channel: { code: r.channel, label: (lang === 'zh' ? r.channel_zh : r.channel_en)! },
    nature: { code: r.nature, label: (lang === 'zh' ? r.nature_zh : r.nature_en)! },
    description: r.description,
    address: r.address,
    location: { lng: r.lng, lat: r.lat, crs: 'wgs84' as const },
    grid: named(r.grid_code, r.grid_name),
    professionalGrids: r.professional_grid_codes,
    village: named(r.village_code, r.village_name),
    town: named(r.town_code, r.town_name),
    district: named(r.district_code, r.district_name),
    category: r.category_code ? { code: r.category_code, name: lang === 'en' && r.category_name_en ? r.category_name_en : r.category_name } : null,
    condition: r.condition_code ? { code: r.condition_code, description: r.condition_description ?? '' } : null,
    urgency: r.urgency,
    level: r.level,
    dispatchUnit: unit(r.dispatch_unit_id, r.dispatch_unit_name),
    handlerUnit: unit(r.handler_unit_id, r.handler_unit_name),
    confidential: r.confidential,
    selfHandled: r.self_handled,
    solvedLevel: r.solved_level as Summary['solvedLevel'],
    pendingRequest: r.pending_request as Summary['pendingRequest'],
    satisfaction: r.satisfaction as Summary['satisfaction'],
    counts: { returns: r.return_count, reworks: r.rework_count, reopens: r.reopen_count, escalations: r.escalation_count, extensions: r.extension_count, verifications: r.verification_count },
    mergedIntoId: r.merged_into_id,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    closedAt: isoOrNull(r.closed_at),
    allowedActions: allowedActions(actor, r),
  };
}

/** The view of an order just created, from what intake already knows (same shape as orderView without timeline). */
export function newOrderView(o: OrderRow & { reporter_id?: number | null }, p: PreparedOrder, ref: IntakeReference, actor: Actor, lang: Lang, clock: ClockReading): OrderView {
  const state = ref.states.get(o.state)!;
  const channel = ref.channels.get(o.channel)!;
  const nature = ref.natures.get(o.nature)!;
  const category = o.category_code ? ref.categories.get(o.category_code) : undefined;
  const row = {
    ...o,
    state_type: state.type,
    state_zh: state.zh,
    state_en: state.en,
    channel_zh: channel.zh,
    channel_en: channel.en,
    nature_zh: nature.zh,
    nature_en: nature.en,
    grid_name: p.match.basicGrid?.name ?? null,
    village_name: o.village_code ? (ref.divisionNames.get(o.village_code) ?? null) : null,
    town_name: o.town_code ? (ref.divisionNames.get(o.town_code) ?? null) : null,
    district_name: o.district_code ? (ref.divisionNames.get(o.district_code) ?? null) : null,
    category_name: category?.name ?? null,
    category_name_en: category?.nameEn ?? null,
    condition_code: p.classification?.conditionCode ?? null,
    condition_description: p.classification?.conditionDescription ?? null,
    dispatch_unit_name: p.centre.name,
    handler_unit_name: null,
  } as unknown as ViewRow;
  const rep = p.input.reporter;
  const how = reporterShown(actor, { orderConfidential: o.confidential, anonymous: rep?.anonymous === true });
  const full = how === 'full';
  const hidden = how === 'hidden';
  const deadlines = [
    toDeadlineView(
      { order_id: o.id, step: 'accept', started_at: p.now, due_at: p.acceptDueAt, yellow_at: p.acceptYellowAt, limit_value: p.acceptLimit.value, limit_unit: p.acceptLimit.unit, done_at: null },
      clock,
      null,
    ),
  ];
  return {
    ...toOrderSummary(row, lang, actor),
    light: worstLight(deadlines),
    reporters: rep
      ? [{ id: o.reporter_id ?? null, name: hidden ? null : full ? (rep.name ?? null) : maskName(rep.name ?? null), phone: hidden ? null : full ? (rep.phone ?? null) : maskPhone(rep.phone ?? null), anonymous: rep.anonymous ?? false, satisfaction: null, fromOrderId: null }]
      : [],
    deadlines,
  };
}

async function reportersOf(q: Queryable, actor: Actor, o: OrderRow, now: Date): Promise<ReporterView[]> {
  const r = await q.query<{
    id: number;
    name: string | null;
    phone: string | null;
    anonymous: boolean;
    satisfaction: string | null;
    source_order_id: number | null;
    source_confidential: boolean;
  }>(
    `select r.id, r.name, r.phone, r.anonymous, r.satisfaction, r.source_order_id, coalesce(so.confidential, false) as source_confidential
       from order_reporters r left join orders so on so.id = r.source_order_id where r.order_id = $1 order by r.id`,
    [o.id],
  );
  const shown = r.rows.map((x) => ({ x, how: reporterShown(actor, { orderConfidential: o.confidential, anonymous: x.anonymous, sourceConfidential: x.source_confidential }) }));
  const unmasked = shown.filter(({ x, how }) => how === 'full' && (x.name || x.phone)).map(({ x }) => x.id);
  if (unmasked.length > 0) await recordAudit(q, { actor, action: 'view_reporter', orderId: o.id, details: { reporterIds: unmasked }, at: now });
  return shown.map(({ x, how }) => {
    return {
      id: x.id,
      name: how === 'hidden' ? null : how === 'full' ? x.name : maskName(x.name),
      phone: how === 'hidden' ? null : how === 'full' ? x.phone : maskPhone(x.phone),
      anonymous: x.anonymous,
      satisfaction: x.satisfaction as ReporterView['satisfaction'],
      fromOrderId: x.source_order_id,
    };
  });
}

/** One order as the API shows it; the caller has checked that the actor may see it. With the timeline for the detail. */
export async function orderView(q: Queryable, actor: Actor, id: number, lang: Lang, clock: ClockReading): Promise<OrderView>;
export async function orderView(q: Queryable, actor: Actor, id: number, lang: Lang, clock: ClockReading, opts: { timeline: true }): Promise<OrderDetail>;
export async function orderView(q: Queryable, actor: Actor, id: number, lang: Lang, clock: ClockReading, opts: { timeline?: boolean } = {}): Promise<OrderView | OrderDetail> {
  const r = await q.query<ViewRow>(`${VIEW_SELECT} where o.id = $1`, [id]);
  const row = r.rows[0]!;
  const deadlines = (await listDeadlines(q, id)).map((d) => toDeadlineView(d, clock, row.suspended_at));
  const view: OrderView = {
    ...toOrderSummary(row, lang, actor),
    light: worstLight(deadlines),
    reporters: await reportersOf(q, actor, row, clock.now),
    deadlines,
  };
  if (!opts.timeline) return view;
  const coHandlers = (await coParts(q, id)).map((p) => ({
    unit: { id: p.unitId, name: p.name },
    signedAt: isoOrNull(p.signedAt),
    reportedAt: isoOrNull(p.reportedAt),
    report: p.report,
  }));
  return { ...view, coHandlers, mayRevealPhone: mayRevealPhone(actor, row), timeline: await timelineOf(q, id, lang, !hasRole(actor, 'citizen')) };
}

interface EventRow {
  id: number;
  at: Date;
  made_at: Date | null;
  action: TimelineAction;
  from_state: TimelineEvent['fromState'];
  to_state: TimelineEvent['toState'];
  note: string | null;
  data: EventData | null;
  attachments: { id: string; name: string; contentType: string; hasThumb: boolean; takenAt: string | null; exifLng: number | null; exifLat: number | null }[];
  user_id: number | null;
  display_name: string | null;
  unit_id: number | null;
  unit_name: string | null;
}

/** An attachment as the timeline shows it; where and when a photo was taken (EXIF) only to staff. */
function attachmentView(f: EventRow['attachments'][number], staff: boolean): TimelineEvent['attachments'][number] {
  const shown = { id: f.id, name: f.name, contentType: f.contentType, hasThumb: f.hasThumb };
  if (!staff) return shown;
  return { ...shown, takenAt: f.takenAt ? iso(new Date(f.takenAt)) : null, exifLocation: f.exifLng === null || f.exifLat === null ? null : { lng: f.exifLng, lat: f.exifLat } };
}

async function timelineOf(q: Queryable, orderId: number, lang: Lang, staff: boolean): Promise<TimelineEvent[]> {
  const ev = await q.query<EventRow>(
    `select e.id, e.at, e.made_at, e.action, e.from_state, e.to_state, e.note, e.data,
            coalesce((select json_agg(json_build_object('id', f.public_id, 'name', f.name, 'contentType', f.content_type,
                        'hasThumb', exists (select 1 from file_variants v where v.file_id = f.id and v.variant = 'thumb'),
                        'takenAt', f.taken_at, 'exifLng', f.exif_lng, 'exifLat', f.exif_lat) order by a.n)
                        from unnest(e.attachment_ids) with ordinality as a(fid, n) join files f on f.id = a.fid), '[]') as attachments,
            u.id as user_id, u.display_name, un.id as unit_id, un.name as unit_name
       from order_events e left join users u on u.id = e.actor_user_id left join units un on un.id = e.actor_unit_id
      where e.order_id = $1 order by e.id`,
    [orderId],
  );
  return ev.rows.map((e) => ({
    id: Number(e.id),
    at: iso(e.at),
    madeAt: e.made_at ? iso(e.made_at) : null,
    action: e.action,
    label: ACTION_LABELS[e.action]?.done[lang] ?? e.action,
    fromState: e.from_state,
    toState: e.to_state,
    note: e.note,
    data: e.data ?? {},
    attachmentIds: e.attachments.map((f) => f.id),
    attachments: e.attachments.map((f) => attachmentView(f, staff)),
    actor: e.user_id ? { id: e.user_id, name: e.display_name } : null,
    unit: e.unit_id ? { id: e.unit_id, name: e.unit_name } : null,
  }));
}

/** Rows of VIEW_SELECT as a list shows them: each with the light of its running clocks, and a return's or escalation's reason. */
export async function toListItems(q: Queryable, rows: ViewRow[], actor: Actor, lang: Lang, clock: ClockReading): Promise<OrderListItem[]> {
  const ids = rows.map((r) => r.id);
  const running = ids.length
    ? (await q.query<DeadlineRow>('select * from order_deadlines where order_id = any($1::bigint[]) and done_at is null', [ids])).rows
    : [];
  const arrivals = await arrivalsOf(q, rows.filter((r) => ARRIVALS_SHOWN.has(r.arrived_by ?? '')).map((r) => r.id));
  return rows.map((r) => {
    const clocks = running.filter((d) => d.order_id === r.id).map((d) => toDeadlineView(d, clock, r.suspended_at));
    const arrival = arrivals.get(Number(r.id));
    return { ...toOrderSummary(r, lang, actor), light: worstLight(clocks), ...(arrival ? { arrival } : {}) };
  });
}

const ARRIVALS_SHOWN = new Set(['return', 'escalate']);
type Arrival = NonNullable<OrderListItem['arrival']>;

/** The return or escalation that brought each order where it is (its last one): when, by which unit, why. */
async function arrivalsOf(q: Queryable, ids: number[]): Promise<Map<number, Arrival>> {
  if (!ids.length) return new Map();
  const r = await q.query<{ order_id: number; action: Arrival['action']; at: Date; note: string | null; unit_id: number | null; unit_name: string | null }>(
    `select distinct on (e.order_id) e.order_id, e.action, e.at, e.note, e.actor_unit_id as unit_id, u.name as unit_name
       from order_events e left join units u on u.id = e.actor_unit_id
      where e.order_id = any($1::bigint[]) and e.action = any($2::text[])
      order by e.order_id, e.id desc`,
    [ids, [...ARRIVALS_SHOWN]],
  );
  return new Map(r.rows.map((e) => [Number(e.order_id), { action: e.action, at: iso(e.at), reason: e.note, unit: unit(e.unit_id, e.unit_name) }]));
}
