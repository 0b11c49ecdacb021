/**
 * 我的上报: the reports made with a signed-in citizen's number — every order whose reporter, or a caller added to it
 * (我也遇到, 追加来电), has that number, on any channel — newest first. Only what the public timeline shows
 * (track-report.ts): no confidential order, no person, the description cut and its phone numbers masked, a merged
 * order followed into the order it joined. Each carries its tracking code (given now if it had none, as the nearby
 * reports do) to open its timeline, and whether it waits for his rating.
 */
import type { Queryable } from '@liandong/db';
import type { Lang, MyReport } from '@liandong/contracts';
import { RATEABLE } from '../orders/answer-callback.ts';
import type { Paging } from '../shared/paging.ts';
import { myOrders, ordersAwaitingRating } from './my-reports.repository.ts';
import { ensureTrackingCodes, publicOrderRows } from './portal.repository.ts';
import { FINISHED_STATES, LISTED_TEXT_CHARS, publicText } from './portal.rules.ts';
import { followMerges } from './track-report.ts';

export async function myReports(q: Queryable, phone: string, paging: Paging, lang: Lang, now: Date): Promise<{ total: number; page: number; pageSize: number; items: MyReport[] }> {
  const page = await myOrders(q, phone, paging);
  const codes = await ensureTrackingCodes(q, page.rows);
  const shown = new Map<number, number>();
  for (const row of page.rows) shown.set(Number(row.id), Number((await followMerges(q, row)).id));
  const shownIds = [...new Set(shown.values())];
  const [rows, awaiting] = [await publicOrderRows(q, shownIds), await ordersAwaitingRating(q, phone, shownIds, [...RATEABLE], now)];
  return {
    total: page.total,
    page: page.page,
    pageSize: page.pageSize,
    items: page.rows.map((row) => {
      const id = shown.get(Number(row.id))!;
      const o = rows.get(id)!;
      return {
        trackingCode: codes.get(Number(row.id))!,
        orderCode: o.code,
        state: { code: o.state, label: lang === 'en' ? o.label_en : o.label_zh },
        finished: FINISHED_STATES.includes(o.state),
        nature: lang === 'en' ? o.nature_en : o.nature_zh,
        category: (lang === 'en' ? (o.category_name_en ?? o.category_name) : o.category_name) ?? null,
        description: publicText(o.description, LISTED_TEXT_CHARS),
        reportedAt: new Date(row.reported_at).toISOString(),
        joined: row.joined,
        canRate: awaiting.has(id),
        satisfaction: (o.satisfaction as MyReport['satisfaction']) ?? null,
      };
    }),
  };
}
