/** The live executor of an action's effects (decisions/effects.ts), inside the action's transaction. */
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { TimeUnit, WorkingCalendar } from '../calendar/index.ts';
import { enqueueMessage } from '../notify/index.ts';
import type { Effect } from './decisions/index.ts';
import { resumedDueAt } from './clock-moves.rules.ts';
import { cancelClockTimers } from './clock-timers.ts';
import { requestCallbacks } from './callback-links.ts';
import { rescheduleRunningClocks, startSteps } from './deadlines.ts';
import { completeDeadlines, involveUnit, listDeadlines, recordCoPart, releaseUnits, reporterPhones, setDeadlineDue, startDeadline } from './order.repository.ts';
import type { DeadlineRow, OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';
import { yellowMoment } from './step-clock.rules.ts';
import { recordArticleUse } from '../knowledge/article-use.ts';

/** A running step's clock with its due time moved (and its limit raised): the yellow moment moves with them. */
function moved(calendar: WorkingCalendar, d: DeadlineRow, dueAt: Date, limitValue = d.limit_value) {
  return { dueAt, limitValue, yellowAt: yellowMoment({ startedAt: d.started_at, dueAt, limitValue, limitUnit: d.limit_unit as TimeUnit }, calendar) };
}

export async function applyEffects(tx: Queryable, services: OrderServices, order: OrderRow, effects: readonly Effect[], now: Date, userId: number | null = null): Promise<void> {
  for (const e of effects) {
    switch (e.effect) {
      case 'complete':
      case 'withdraw':
        await completeDeadlines(tx, order.id, e.steps, now, e.effect === 'complete' ? 'done' : 'withdrawn');
        break;
      case 'start':
        await startSteps(tx, services, order, e.steps, now);
        break;
      case 'extendHandle': {
        const calendar = await services.calendar(tx);
        const handle = e.existed ? (await listDeadlines(tx, order.id)).find((d) => d.step === 'handle') : undefined;
        if (!handle) {
          const { dueAt, limitValue, limitUnit } = e.clock;
          const yellowAt = yellowMoment({ startedAt: now, dueAt, limitValue, limitUnit }, calendar);
          await startDeadline(tx, { order, step: 'handle', startedAt: now, dueAt, yellowAt, value: limitValue, unit: limitUnit });
          break;
        }
        await setDeadlineDue(tx, order.id, 'handle', moved(calendar, handle, e.clock.dueAt, e.clock.limitValue));
        await rescheduleRunningClocks(tx, services, order, now);
        break;
      }
      case 'resumeClocks': {
        const calendar = await services.calendar(tx);
        for (const d of await listDeadlines(tx, order.id)) {
          if (d.done_at) continue;
          await setDeadlineDue(tx, order.id, d.step as Step, moved(calendar, d, resumedDueAt(calendar, { dueAt: d.due_at, limitUnit: d.limit_unit as TimeUnit }, e.since, now)));
        }
        await rescheduleRunningClocks(tx, services, order, now);
        break;
      }
      case 'cancelTimers':
        await cancelClockTimers(tx, order.id);
        break;
      case 'involve':
        await involveUnit(tx, order.id, e.unitId, e.role, now);
        break;
      case 'release':
        await releaseUnits(tx, order.id, e.role);
        break;
      case 'coSigned':
        await recordCoPart(tx, order.id, e.unitId, now);
        break;
      case 'coReported':
        await recordCoPart(tx, order.id, e.unitId, now, e.report);
        break;
      case 'notify':
        await enqueueMessage(tx, { template: e.template, vars: e.vars, channel: 'inbox', recipient: { kind: 'unit', unitId: e.unitId }, orderId: order.id, at: now });
        break;
      case 'tellReporters':
        for (const phone of await reporterPhones(tx, order.id)) {
          await enqueueMessage(tx, { template: e.template, vars: e.vars, channel: 'sms', recipient: { kind: 'phone', phone }, orderId: order.id, at: now });
        }
        break;
      case 'requestCallbacks':
        await requestCallbacks(tx, services, order, now);
        break;
      case 'useArticle':
        await recordArticleUse(tx, e.articleId, order.id, userId, now);
        break;
      case 'rateReporter':
        await tx.query('update order_reporters set satisfaction = $3 where id = $1 and order_id = $2', [e.reporterId, order.id, e.satisfaction]);
        break;
    }
  }
}
