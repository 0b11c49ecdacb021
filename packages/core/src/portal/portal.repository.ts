/**
 * SQL of the citizen portal: tracking codes, the public read of an order (never a person: no reporter, no staff
 * member, only units), its public photos, and the candidates near a point.
 */
import type { Queryable } from '@liandong/db';
import type { StateCode } from '@liandong/contracts';
import { newTrackingCode, PUBLIC_PHOTO_ACTIONS, type TimelineFact } from './portal.rules.ts';

/** The order's tracking code, given now if it has none (a unique random code; a clash is drawn again). */
export async function ensureTrackingCode(q: Queryable, orderId: number): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const r = await q.query<{ tracking_code: string }>(
      `with given as (
         update orders set tracking_code = $2 where id = $1 and tracking_code is null
            and not exists (select 1 from orders x where x.tracking_code = $2)
         returning tracking_code)
       select tracking_code from given union all select tracking_code from orders where id = $1 and tracking_code is not null`,
      [orderId, newTrackingCode()],
    );
    if (r.rows[0]) return r.rows[0].tracking_code;
  }
  throw new Error(`no tracking code could be given to order ${orderId}`);
}

/** The tracking codes of some orders, given to those that have none. */
export async function ensureTrackingCodes(q: Queryable, rows: readonly { id: number; tracking_code: string | null }[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const r of rows) out.set(Number(r.id), r.tracking_code ?? (await ensureTrackingCode(q, Number(r.id))));
  return out;
}

export interface CodedOrder {
  id: number;
  code: string;
  state: StateCode;
  confidential: boolean;
  merged_into_id: number | null;
  tracking_code: string | null;
}

const CODED = 'select id, code, state, confidential, merged_into_id, tracking_code from orders';

export async function orderByTrackingCode(q: Queryable, code: string, lock = false): Promise<CodedOrder | null> {
  return (await q.query<CodedOrder>(`${CODED} where tracking_code = $1${lock ? ' for update' : ''}`, [code])).rows[0] ?? null;
}

export async function codedOrder(q: Queryable, id: number, lock = false): Promise<CodedOrder | null> {
  return (await q.query<CodedOrder>(`${CODED} where id = $1${lock ? ' for update' : ''}`, [id])).rows[0] ?? null;
}

export interface PublicOrderRow {
  id: number;
  code: string;
  state: StateCode;
  label_zh: string;
  label_en: string;
  nature: string;
  nature_zh: string;
  nature_en: string;
  category_name: string | null;
  category_name_en: string | null;
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  created_at: Date;
  closed_at: Date | null;
  satisfaction: string | null;
  reporters: number;
}

export async function publicOrderRow(q: Queryable, id: number): Promise<PublicOrderRow> {
  return (await publicOrderRows(q, [id])).get(id)!;
}

/** The public rows of some orders, by id. */
export async function publicOrderRows(q: Queryable, ids: readonly number[]): Promise<Map<number, PublicOrderRow>> {
  if (!ids.length) return new Map();
  const r = await q.query<PublicOrderRow>(
    `select o.id, o.code, o.state, s.label_zh, s.label_en, o.nature, n.name_zh as nature_zh, n.name_en as nature_en,
            c.name as category_name, c.name_en as category_name_en, o.description, o.address, o.lng, o.lat, o.created_at, o.closed_at,
            o.satisfaction, (select count(*)::int from order_reporters r where r.order_id = o.id) as reporters
       from orders o join order_states s on s.code = o.state join natures n on n.code = o.nature
       left join categories c on c.code = o.category_code
      where o.id = any($1::bigint[])`,
    [ids],
  );
  return new Map(r.rows.map((o) => [Number(o.id), o]));
}

/** The events of an order (and a few of another, e.g. the merged one's own merge), with unit names only. */
export async function timelineFacts(q: Queryable, orderIds: readonly number[], lang: 'zh' | 'en', actions?: readonly string[]): Promise<TimelineFact[]> {
  const name = (alias: string) => (lang === 'en' ? `coalesce(${alias}.name_en, ${alias}.name)` : `${alias}.name`);
  const r = await q.query<{ at: Date; action: string; note: string | null; data: Record<string, unknown> | null; actor_unit: string | null; target_unit: string | null }>(
    `select e.at, e.action, e.note, e.data, ${name('au')} as actor_unit, ${name('tu')} as target_unit
       from order_events e
       left join units au on au.id = e.actor_unit_id
       left join units tu on tu.id = case when jsonb_typeof(e.data -> 'unitId') = 'number' then (e.data ->> 'unitId')::int end
      where e.order_id = any($1::bigint[])${actions ? ' and e.action = any($2::text[])' : ''}
      order by e.at, e.id`,
    actions ? [orderIds, actions] : [orderIds],
  );
  return r.rows.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, note: e.note, data: e.data ?? {}, actorUnit: e.actor_unit, targetUnit: e.target_unit }));
}

/**
 * The photos of an order the public may see, in timeline order: images with a display form (no EXIF) attached to
 * its report or its handling result, and bound to it. Row ids and public ids.
 */
export async function publicPhotos(q: Queryable, orderIds: readonly number[]): Promise<Map<number, { rowId: number; id: string }[]>> {
  const out = new Map<number, { rowId: number; id: string }[]>();
  if (!orderIds.length) return out;
  const r = await q.query<{ order_id: number; row_id: number; public_id: string }>(
    `select e.order_id, f.id as row_id, f.public_id
       from order_events e cross join lateral unnest(e.attachment_ids) with ordinality as a(fid, n)
       join files f on f.id = a.fid and f.order_id = e.order_id
      where e.order_id = any($1::bigint[]) and e.action = any($2::text[]) and f.content_type like 'image/%'
        and exists (select 1 from file_variants v where v.file_id = f.id and v.variant = 'display')
      order by e.order_id, e.id, a.n`,
    [orderIds, PUBLIC_PHOTO_ACTIONS],
  );
  for (const x of r.rows) {
    const list = out.get(Number(x.order_id)) ?? [];
    if (!list.some((p) => p.rowId === Number(x.row_id))) list.push({ rowId: Number(x.row_id), id: x.public_id });
    out.set(Number(x.order_id), list);
  }
  return out;
}

export interface NearbyRow {
  id: number;
  tracking_code: string | null;
  state: StateCode;
  label_zh: string;
  label_en: string;
  category_code: string | null;
  category_name: string | null;
  category_name_en: string | null;
  description: string;
  lng: number;
  lat: number;
  created_at: Date;
  reporters: number;
}

/**
 * Orders the public may be shown near a point: in the box, registered in the period, not confidential, of the
 * natures shown publicly, neither merged, voided nor rejected, and closed (if at all) only lately. Newest first.
 */
export async function nearbyCandidates(
  q: Queryable,
  f: { box: { minLng: number; minLat: number; maxLng: number; maxLat: number }; since: Date; now: Date; closedSince: Date; natures: readonly string[]; limit: number },
): Promise<NearbyRow[]> {
  const r = await q.query<NearbyRow>(
    `select o.id, o.tracking_code, o.state, s.label_zh, s.label_en, o.category_code, c.name as category_name, c.name_en as category_name_en,
            o.description, o.lng, o.lat, o.created_at, (select count(*)::int from order_reporters r where r.order_id = o.id) as reporters
       from orders o join order_states s on s.code = o.state left join categories c on c.code = o.category_code
      where point(o.lng, o.lat) <@ box(point($1, $2), point($3, $4)) and o.created_at >= $5 and o.created_at < $6
        and not o.confidential and o.nature = any($7::text[]) and o.state not in ('merged', 'voided', 'rejected')
        and (o.closed_at is null or o.closed_at >= $8)
      order by o.created_at desc limit $9`,
    [f.box.minLng, f.box.minLat, f.box.maxLng, f.box.maxLat, f.since, f.now, f.natures, f.closedSince, f.limit],
  );
  return r.rows;
}
