/** The live executor of an action's effects (decisions/effects.ts), inside the action's transaction. */
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import type { TimeUnit } from '../calendar/index.ts';
import { enqueueMessage } from '../notify/index.ts';
import type { Effect } from './decisions/index.ts';
import { resumedDueAt } from './clock-moves.rules.ts';
import { cancelClockTimers } from './clock-timers.ts';
import { requestCallbacks } from './callback-links.ts';
import { rescheduleRunningClocks, startSteps } from './deadlines.ts';
import { completeDeadlines, involveUnit, listDeadlines, recordCoPart, releaseUnits, reporterPhones, setDeadlineDue, startDeadline } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';

export async function applyEffects(tx: Queryable, services: OrderServices, order: OrderRow, effects: readonly Effect[], now: Date): Promise<void> {
  for (const e of effects) {
    switch (e.effect) {
      case 'complete':
        await completeDeadlines(tx, order.id, e.steps, now);
        break;
      case 'start':
        await startSteps(tx, services, order, e.steps, now);
        break;
      case 'extendHandle':
        if (!e.existed) {
          await startDeadline(tx, { orderId: order.id, step: 'handle', startedAt: now, dueAt: e.clock.dueAt, value: e.clock.limitValue, unit: e.clock.limitUnit });
          break;
        }
        await setDeadlineDue(tx, order.id, 'handle', e.clock.dueAt, e.clock.limitValue);
        await rescheduleRunningClocks(tx, services, order, now);
        break;
      case 'resumeClocks': {
        const calendar = await services.calendar(tx);
        for (const d of await listDeadlines(tx, order.id)) {
          if (d.done_at) continue;
          await setDeadlineDue(tx, order.id, d.step as Step, resumedDueAt(calendar, { dueAt: d.due_at, limitUnit: d.limit_unit as TimeUnit }, e.since, now));
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
      case 'rateReporter':
        await tx.query('update order_reporters set satisfaction = $3 where id = $1 and order_id = $2', [e.reporterId, order.id, e.satisfaction]);
        break;
    }
  }
}
