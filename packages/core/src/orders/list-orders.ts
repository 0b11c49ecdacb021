/**
 * The order list (GET /api/v1/orders): the orders the actor may see (orderScopeSql) under the list's filters
 * (order-filters.ts), newest first, with their total counted up to MAX_COUNTED and then reported as more
 * (`totalCapped`), so no page counts a million rows.
 */
import type { Queryable } from '@liandong/db';
import { MAX_COUNTED, type ListOrdersFilter, type OrderPage } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { cappedTotal, countUpTo, pageWindow } from '../shared/paging.ts';
import { orderScopeSql } from './order-scope.ts';
import { orderFilterSql, type FilterOptions } from './order-filters.ts';
import { toListItems, VIEW_SELECT, type Lang, type ViewRow } from './order-view.ts';
import type { ClockReading } from './deadline-view.ts';

const MATCHING = 'from orders o';
const NEWEST_FIRST = 'order by o.created_at desc, o.id desc';

/** The orders a list shows, as SQL conditions on `orders o` and their parameters. */
interface Matching {
  where: string;
  params: unknown[];
}

function matching(actor: Actor, f: ListOrdersFilter, now: Date, opts?: FilterOptions): Matching {
  const params: unknown[] = [];
  const where = [orderScopeSql(actor, params), ...orderFilterSql(actor, f, now, params, opts)];
  return { where: where.join(' and '), params };
}

/**
 * The order list as a user asks for it: a search by phone number confirms a masked one, so only roles that see
 * numbers in full may make it, and every such search is logged.
 */
export async function searchOrders(q: Queryable, actor: Actor, f: ListOrdersFilter, lang: Lang, clock: ClockReading, ctx: { ip?: string } = {}): Promise<OrderPage> {
  if (f.phone) {
    assertMay(actor, 'reporters.identity', 'phone');
    await recordAudit(q, { actor, action: 'search_by_phone', details: { phone: f.phone }, ip: ctx.ip, at: clock.now });
  }
  return listOrders(q, actor, f, lang, clock);
}

/** A page of the orders the actor may see, newest first. */
export async function listOrders(q: Queryable, actor: Actor, f: ListOrdersFilter, lang: Lang, clock: ClockReading): Promise<OrderPage> {
  const m = matching(actor, f, clock.now);
  const { n, rows } = f.q ? await textSearch(q, actor, f, clock, m) : { n: await countUpTo(q, `${MATCHING} where ${m.where}`, m.params), rows: await newestMatching(q, m, f) };
  const w = pageWindow(f, []);
  return { ...cappedTotal(n), page: w.page, pageSize: w.pageSize, items: await toListItems(q, rows, actor, lang, clock) };
}


/** The page of the matching orders, read newest first. */
async function newestMatching(q: Queryable, m: Matching, f: ListOrdersFilter): Promise<ViewRow[]> {
  const params = [...m.params];
  const w = pageWindow(f, params);
  return (await q.query<ViewRow>(`${VIEW_SELECT} where ${m.where} ${NEWEST_FIRST} ${w.sql}`, params)).rows;
}

/**
 * A text search finds its matches by the text's bigrams (index orders_text), at most MAX_COUNTED + 1 of them,
 * counts them and, when they are all, takes the page from them. When there are more, the text is common: the page
 * is read newest first without the index, as the matches fill it within a few thousand orders, while the index
 * would fetch every match to sort them (a two-character word like 井盖 is in tens of thousands of 1M orders).
 */
async function textSearch(q: Queryable, actor: Actor, f: ListOrdersFilter, clock: ClockReading, m: Matching): Promise<{ n: number; rows: ViewRow[] }> {
  const params = [...m.params];
  const w = pageWindow(f, params);
  const found = await q.query<{ n: number; page: (number | string)[] }>(
    `with matched as materialized (select o.id, o.created_at ${MATCHING} where ${m.where} limit ${MAX_COUNTED + 1})
     select (select count(*)::int from matched) as n, array(select id from matched order by created_at desc, id desc ${w.sql}) as page`,
    params,
  );
  const { n, page } = found.rows[0]!;
  if (n > MAX_COUNTED) return { n, rows: await newestMatching(q, matching(actor, f, clock.now, { textIndex: false }), f) };
  const rows = await q.query<ViewRow>(`${VIEW_SELECT} where o.id = any($1::bigint[]) ${NEWEST_FIRST}`, [page.map(Number)]);
  return { n, rows: rows.rows };
}
