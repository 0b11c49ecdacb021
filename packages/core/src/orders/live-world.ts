/** The live platform's answers to what an action's decision asks (decisions/asks.ts), from the database. */
import type { Queryable } from '@liandong/db';
import type { TimeUnit } from '../calendar/index.ts';
import { findCentre } from '../org/org.repository.ts';
import type { Ask, ClockInfo, UnitInfo } from './decisions/index.ts';
import { resolveClassification } from './classification.ts';
import { coParts, listDeadlines } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';
import { routeOrder } from './routing.ts';
import { offeredArticle } from '../knowledge/article-use.ts';

const UNIT = `select u.id, u.name, u.kind, u.division_code as "divisionCode", u.active, u.enforcement,
  case when u.kind = 'station' then d.parent_code end as "townCode"
  from units u left join divisions d on d.code = u.division_code`;

async function unitWhere(q: Queryable, where: string, params: unknown[]): Promise<UnitInfo | null> {
  return (await q.query<UnitInfo>(`${UNIT} where ${where} order by u.id limit 1`, params)).rows[0] ?? null;
}

export function liveAnswers(tx: Queryable, services: OrderServices, order: OrderRow, now: Date = new Date()): (a: Ask) => Promise<unknown> {
  return async (a) => {
    switch (a.ask) {
      case 'unit':
        return unitWhere(tx, 'u.id = $1', [a.id]);
      case 'route':
        return routeOrder(tx, order);
      case 'classification':
        return resolveClassification(tx, a.categoryCode, a.conditionCode, a.text);
      case 'callable':
        return (await tx.query('select 1 from order_reporters where order_id = $1 and phone is not null limit 1', [order.id])).rowCount > 0;
      case 'clocks':
        return (await listDeadlines(tx, order.id)).map(
          (d): ClockInfo => ({ step: d.step as ClockInfo['step'], dueAt: d.due_at, limitValue: d.limit_value, limitUnit: d.limit_unit as TimeUnit, doneAt: d.done_at }),
        );
      case 'calendar':
        return services.calendar(tx);
      case 'station':
        return a.villageCode ? unitWhere(tx, `u.kind = 'station' and u.division_code = $1 and u.active`, [a.villageCode]) : null;
      case 'centre': {
        const area = a.level === 'town' ? order.town_code : order.district_code;
        const centre = area ? await findCentre(tx, a.level, area) : null;
        return centre ? unitWhere(tx, 'u.id = $1', [centre.id]) : null;
      }
      case 'reporter':
        return (await tx.query('select 1 from order_reporters where id = $1 and order_id = $2', [a.reporterId, order.id])).rowCount > 0;
      case 'coParts':
        return coParts(tx, order.id);
      case 'article':
        return offeredArticle(tx, a.id, now);
      case 'returnedBefore':
        return (await tx.query(`select 1 from order_events where order_id = $1 and action = 'return' and (data->>'unitId')::int = $2 limit 1`, [order.id, a.unitId])).rowCount > 0;
    }
  };
}
