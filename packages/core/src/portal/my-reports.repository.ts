/**
 * SQL of 我的上报: the orders a mobile number reported or was added to, and which of them wait for its rating. "The
 * same number" is `liandong_mobile` (migration 0033): a hotline operator's 139-1234-5678 or +86… is the same phone.
 */
import type { Queryable } from '@liandong/db';
import { pageWindow, type Paging } from '../shared/paging.ts';
import type { CodedOrder } from './portal.repository.ts';

export interface MyOrderRow extends CodedOrder {
  /** When this number first reported it or was added to it. */
  reported_at: Date;
  /** Added to another's report (我也遇到, 追加来电) rather than reporting it. */
  joined: boolean;
}

/**
 * The number's own reporter rows (not the copies a merge brought to the order it joined: the merged order itself is
 * listed, and followed), on orders that are not confidential; newest first.
 */
const MINE = `with mine as (
    select r.order_id, min(r.created_at) as reported_at
      from order_reporters r
     where liandong_mobile(r.phone) = $1 and r.source_order_id is null
     group by r.order_id)
  select o.id, o.code, o.state, o.confidential, o.merged_into_id, o.tracking_code, m.reported_at, m.reported_at > o.created_at as joined
    from mine m join orders o on o.id = m.order_id
   where not o.confidential`;

export async function myOrders(q: Queryable, phone: string, paging: Paging): Promise<{ total: number; page: number; pageSize: number; rows: MyOrderRow[] }> {
  const total = (await q.query<{ n: number }>(`select count(*)::int as n from (${MINE}) x`, [phone])).rows[0]!.n;
  const params: unknown[] = [phone];
  const w = pageWindow(paging, params);
  const r = await q.query<MyOrderRow>(`${MINE} order by m.reported_at desc, o.id desc ${w.sql}`, params);
  return { total, page: w.page, pageSize: w.pageSize, rows: r.rows };
}

/** Of `orderIds`, those with an open callback link (回访链接) to one of this number's reporter rows, in a state it may be answered in. */
export async function ordersAwaitingRating(q: Queryable, phone: string, orderIds: readonly number[], states: readonly string[], now: Date): Promise<Set<number>> {
  if (!orderIds.length) return new Set();
  const r = await q.query<{ order_id: number }>(
    `select distinct l.order_id from callback_links l
       join order_reporters r on r.id = l.reporter_id
       join orders o on o.id = l.order_id
      where l.order_id = any($2::bigint[]) and liandong_mobile(r.phone) = $1 and l.used_at is null and l.expires_at > $3 and o.state = any($4::text[])`,
    [phone, orderIds, now, states],
  );
  return new Set(r.rows.map((x) => Number(x.order_id)));
}

/** When this number reported (reporter rows of its own) since a moment, newest first, at most `limit`: what its daily limit reads. */
export async function reportTimesSince(q: Queryable, phone: string, since: Date, limit: number): Promise<Date[]> {
  const r = await q.query<{ created_at: Date }>(
    'select created_at from order_reporters where liandong_mobile(phone) = $1 and source_order_id is null and created_at >= $2 order by created_at desc limit $3',
    [phone, since, limit],
  );
  return r.rows.map((x) => new Date(x.created_at));
}
