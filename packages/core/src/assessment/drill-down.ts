/**
 * 指标穿透: the orders behind a figure — those counted below the line (the denominator), or above it —
 * read by the indicator's own statement (unit-indicators.ts), newest first, as the order list shows them and
 * within the reader's order scope.
 */
import type { Queryable } from '@liandong/db';
import type { AssessmentSubject, IndicatorCode, Lang, OrderPage } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { orderScopeSql } from '../orders/order-scope.ts';
import { toListItems, VIEW_SELECT, type ViewRow } from '../orders/order-view.ts';
import type { ClockReading } from '../orders/deadline-view.ts';
import { cappedTotal, countUpTo, pageWindow } from '../shared/paging.ts';
import { periodOf } from './periods.rules.ts';
import { INDICATOR_BY_CODE } from './indicators.ts';
import { visibleSubject, type PeriodQuery } from './standings.ts';
import { unprocessable } from '../shared/errors.ts';

export async function drillDown(
  q: Queryable,
  actor: Actor,
  target: { subject: AssessmentSubject; id: string; code: IndicatorCode },
  query: PeriodQuery & { part?: 'numerator' | 'denominator'; page?: number; pageSize?: number },
  lang: Lang,
  clock: ClockReading,
): Promise<OrderPage> {
  const who = await visibleSubject(q, actor, target.subject, target.id);
  const def = INDICATOR_BY_CODE.get(target.code)!;
  if (!def.subjects.includes(target.subject)) throw unprocessable('code', `指标 ${target.code} 不适用于该考核对象`, `The indicator ${target.code} is not one of ${target.subject}`);
  const p = periodOf(query, clock.now);
  const params: unknown[] = [p.from, p.to, clock.now, who.id];
  const hit = query.part === 'numerator' ? 'and x.hit' : '';
  // An indicator's statement may leave a moment unused: their types are stated here.
  const fromWhere = `from orders o where o.id in (select x.order_id from (${def.sql(target.subject)}) x
      where x.subject = $4 and $1::timestamptz < $2::timestamptz and $3::timestamptz is not null ${hit})
    and ${orderScopeSql(actor, params)}`;
  const n = await countUpTo(q, fromWhere, params);
  const w = pageWindow(query, params);
  const ids = (await q.query<{ id: string }>(`select o.id ${fromWhere} order by o.created_at desc, o.id desc ${w.sql}`, params)).rows.map((r) => Number(r.id));
  const rows = ids.length ? (await q.query<ViewRow>(`${VIEW_SELECT} where o.id = any($1::bigint[]) order by o.created_at desc, o.id desc`, [ids])).rows : [];
  return { ...cappedTotal(n), page: w.page, pageSize: w.pageSize, items: await toListItems(q, rows, actor, lang, clock) };
}
