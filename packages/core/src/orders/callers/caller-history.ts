/**
 * 来电历史: one caller's orders by his number, across channels and time, with two flags a hotline operator acts on
 * — a repeated caller (重复来电: as many calls in the last days as the repeated-caller warning rule asks) and, for
 * each order, a repeated place (同址重复: as many orders near it, within the rule's days before or after it, as the
 * repeated-place rule asks). Only roles that see reporters in full may look a number up (it confirms a masked
 * one), every lookup is written to the audit trail, and everything counted is within the actor's data scope.
 * The thresholds are the warning rules' (warnings/rule-lines.ts): a flag here and a warning there agree.
 */
import type { Queryable } from '@liandong/db';
import type { CallerHistory, CallerHistoryInput } from '@liandong/contracts';
import type { Actor } from '../../org/actor.ts';
import { boxHalfLat, distanceM, inBoxAroundSql } from '../../territory/distance.rules.ts';
import { ruleLinesOf } from '../../warnings/rule-lines.ts';
import { searchOrders } from '../list-orders.ts';
import { orderScopeSql } from '../order-scope.ts';
import type { Lang } from '../order-view.ts';
import type { ClockReading } from '../deadline-view.ts';
import { callerRowsSql, ownCallSql } from './same-caller.ts';

const DAY = 86_400_000;

export async function callerHistory(q: Queryable, actor: Actor, f: CallerHistoryInput, lang: Lang, clock: ClockReading, ctx: { ip?: string } = {}): Promise<CallerHistory> {
  // The search by phone (list-orders.ts): refused to roles that see numbers masked, and audited, before anything is read.
  const page = await searchOrders(q, actor, { phone: f.phone, page: f.page, pageSize: f.pageSize }, lang, clock, ctx);
  const [callerLine, placeLine] = [await ruleLinesOf(q, 'repeat_caller'), await ruleLinesOf(q, 'repeat_place')];
  const calls = await callsOf(q, actor, f.phone, new Date(clock.now.getTime() - callerLine.days * DAY));
  const near = await ordersNear(q, actor, page.items.map((o) => o.id), placeLine);
  return {
    phone: f.phone,
    calls: calls.calls,
    orders: calls.orders,
    firstCallAt: calls.first?.toISOString() ?? null,
    lastCallAt: calls.last?.toISOString() ?? null,
    repeatedCaller: { flagged: calls.recent >= callerLine.minCalls, recentCalls: calls.recent, days: callerLine.days, minCalls: callerLine.minCalls },
    placeRule: { days: placeLine.days, radiusMetres: placeLine.radiusMetres, minOrders: placeLine.minOrders, sameCategory: placeLine.sameCategory },
    total: page.total,
    totalCapped: page.totalCapped,
    page: page.page,
    pageSize: page.pageSize,
    items: page.items.map((order) => {
      const n = near.get(order.id) ?? 1;
      return { order, placeOrders: n, repeatedPlace: n >= placeLine.minOrders };
    }),
  };
}

/** His calls the actor may see: in all, since `since`, over how many orders, first and last. */
async function callsOf(q: Queryable, actor: Actor, phone: string, since: Date) {
  const params: unknown[] = [phone, since];
  const scope = orderScopeSql(actor, params);
  const r = await q.query<{ calls: number; recent: number; orders: number; first: Date | null; last: Date | null }>(
    `select count(*)::int as calls, count(*) filter (where r.created_at > $2)::int as recent, count(distinct r.order_id)::int as orders,
            min(r.created_at) as first, max(r.created_at) as last
       from order_reporters r join orders o on o.id = r.order_id
      where ${callerRowsSql('r', '$1')} and ${ownCallSql('r')} and ${scope}`,
    params,
  );
  const row = r.rows[0]!;
  return { ...row, first: row.first ? new Date(row.first) : null, last: row.last ? new Date(row.last) : null };
}

/**
 * For each of the orders, how many orders the actor may see lie within the rule's radius of it (itself included),
 * registered within the rule's days before or after it, of its category when the rule asks for the same one; merged
 * duplicates are not counted. A box a little wider than the radius finds them by the point index; the great-circle
 * distance (distance.rules.ts) decides, as in the warning's detector.
 */
async function ordersNear(q: Queryable, actor: Actor, ids: number[], line: { days: number; radiusMetres: number; sameCategory: boolean }): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const params: unknown[] = [ids, boxHalfLat(line.radiusMetres), `${line.days} days`, line.sameCategory];
  const scope = orderScopeSql(actor, params, 'b');
  const r = await q.query<{ id: string; lng: number; lat: number; near: { lng: number; lat: number }[] }>(
    `select a.id, a.lng, a.lat,
            coalesce((select json_agg(json_build_object('lng', b.lng, 'lat', b.lat)) from orders b
                       where b.merged_into_id is null
                         and b.created_at between a.created_at - $3::interval and a.created_at + $3::interval
                         and ($4::boolean = false or b.category_code is not distinct from a.category_code)
                         and ${inBoxAroundSql('b', 'a', '$2')}
                         and ${scope}), '[]'::json) as near
       from orders a where a.id = any($1::bigint[])`,
    params,
  );
  return new Map(r.rows.map((a) => [Number(a.id), a.near.filter((b) => distanceM(a, b) <= line.radiusMetres).length]));
}
