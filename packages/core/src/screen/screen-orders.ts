/**
 * Orders as the wall may show them (public level): code, when, the minor class, the town, the channel, the state
 * and the point to about 100 m. Never a person, a phone or the description. `AREA` is the scope's SQL: the orders
 * located in the token's district or town (where the order is, as every area rule reads it).
 */
import type { Queryable } from '@liandong/db';
import type { ScreenOrder, StateCode } from '@liandong/contracts';
import { iso } from '../shared/wire.ts';
import type { ScreenScope } from './screen-tokens.ts';

/** The orders of the scope, for an `orders` alias `o`; its area code is parameter `$n`. */
export const areaSql = (scope: ScreenScope, n: number, alias = 'o'): string =>
  scope.level === 'district' ? `${alias}.district_code = $${n}` : `${alias}.town_code = $${n}`;

/** Whether an order located as given lies in the scope (the stream's filter; areaSql's twin). */
export const inArea = (scope: ScreenScope, o: { district_code: string | null; town_code: string | null }): boolean =>
  (scope.level === 'district' ? o.district_code : o.town_code) === scope.areaCode;

/** Steps of a degree a public place is rounded to: 0.001°, about 100 m — the heat layer's cell, and no finer place on a public wall. */
export const PLACE_STEPS = 1000;
export const round3 = (v: number): number => Math.round(v * PLACE_STEPS) / PLACE_STEPS;

export interface ScreenOrderRow {
  id: number;
  code: string;
  created_at: Date;
  category: string | null;
  town: string | null;
  channel: string;
  channel_name: string;
  channel_name_en: string | null;
  state: StateCode;
  lng: number;
  lat: number;
  confidential: boolean;
}

/** The columns of a ScreenOrderRow, for `orders o`; join `SCREEN_ORDER_JOINS`. */
export const SCREEN_ORDER_COLUMNS = `o.id, o.code, o.created_at, c.name as category, t.name as town, o.channel, ch.name_zh as channel_name, ch.name_en as channel_name_en, o.state, o.lng, o.lat, o.confidential`;
export const SCREEN_ORDER_JOINS = `left join categories c on c.code = o.category_code left join divisions t on t.code = o.town_code
  join channels ch on ch.code = o.channel`;

export const screenOrder = (r: ScreenOrderRow): ScreenOrder => ({
  orderId: Number(r.id),
  code: r.code,
  at: iso(r.created_at),
  category: r.category,
  town: r.town,
  channel: r.channel,
  channelName: r.channel_name,
  channelNameEn: r.channel_name_en,
  state: r.state,
  point: [round3(r.lng), round3(r.lat)],
});

/** The screen's rows of some orders (those a notification named), by id. */
export async function readScreenOrders(q: Queryable, ids: readonly number[]): Promise<Map<number, ScreenOrderRow>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<ScreenOrderRow>(`select ${SCREEN_ORDER_COLUMNS} from orders o ${SCREEN_ORDER_JOINS} where o.id = any($1::bigint[])`, [ids]);
  return new Map(r.rows.map((row) => [Number(row.id), row]));
}
